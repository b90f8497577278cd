package dev.barfill.app;

import static dev.barfill.app.FaultKit.Raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.FetcherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 7, second fault: PostgreSQL stopped for 20 s while requests are being planned
 * (the planner looks coverage up in PostgreSQL) and bars written (the sink), with more requests
 * arriving during the outage. Readiness says so (503) for the whole outage and recovers (200);
 * the planner retries its lookups instead of losing its stream thread, the sink holds its offsets,
 * and every job ends exact.
 */
@Tag("date-sensitive")
class DatabaseOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private FaultStack stack;
    private ReadinessProbe readiness;

    @AfterEach
    void stop() {
        if (readiness != null) {
            readiness.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldFinishEveryJobExactlyWhenPostgresStopsForTwentySecondsWhileRequestsArriveAndBarsAreWritten()
            throws Exception {
        // Slow answers and one call at a time keep bars arriving over several seconds.
        stack = FaultStack.start(dir, FaultStack.Options.defaults()
                .withFaults(SimulatorFaults.none(Duration.ofMillis(400)))
                .withFetcher(f -> new FetcherConfig(f.kafka(), f.groupId(), f.providers(), f.routes(), 1,
                        f.requestTimeout(), f.retry())));
        readiness = ReadinessProbe.start(stack.apiUrl());
        readiness.await("the stack is ready", 200, Duration.ofMinutes(2));
        RecentSessions window = RecentSessions.last(4);
        List<String> before = List.of("DBA", "DBB", "DBC", "DBD", "DBE", "DBF");
        List<String> during = List.of("DBG", "DBH", "DBI");
        String requests = Topics.defaults().coverageRequests.name();

        FaultKit.produce(stack.bootstrapServers(), requests, before.stream().map(s -> FaultKit.good(s, window)).toList());
        await("the first bars stored").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage") > 0);
        long storedAtStop = Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage");

        Instant stopped = Instant.now();
        stack.stopDatabase();
        readiness.await("readiness says the database is gone", 503, Duration.ofSeconds(15));
        Instant down = Instant.now();
        List<Raw> late = new ArrayList<>(during.stream().map(s -> FaultKit.good(s, window)).toList());
        FaultKit.produce(stack.bootstrapServers(), requests, late);
        // The outage itself: readiness must not say 200 at any probe until PostgreSQL is back.
        Duration left = OUTAGE.minus(Duration.between(stopped, Instant.now()));
        if (!left.isNegative()) {
            await("readiness stays down while PostgreSQL is stopped").during(left).atMost(left.plusSeconds(5))
                    .until(() -> readiness.last() != 200);
        }
        Instant restarted = Instant.now();
        stack.startDatabase();
        readiness.await("readiness back to 200", 200, Duration.ofMinutes(1));

        assertThat(storedAtStop).as("PostgreSQL stopped mid-run")
                .isLessThan((long) before.size() * window.days());
        assertThat(readiness.since(down).stream().filter(s -> s.at().isBefore(restarted)))
                .as("readiness during the outage").isNotEmpty()
                .allSatisfy(s -> assertThat(s.status()).as(s.body()).isEqualTo(503));
        FaultKit.awaitExact(stack.api(), stack.dataSource(),
                FaultKit.jobIds(Stream.concat(before.stream(), during.stream()).toList(), window), window,
                Duration.ofMinutes(3), () -> false);
        readiness.await("readiness stays 200 after", 200, Duration.ofSeconds(10));
        System.out.printf("database outage: %d of %d days stored when PostgreSQL stopped for %d s; %d probes 503%n",
                storedAtStop, before.size() * window.days(), Duration.between(stopped, restarted).toSeconds(),
                readiness.since(stopped).stream().filter(s -> s.status() == 503).count());
    }
}

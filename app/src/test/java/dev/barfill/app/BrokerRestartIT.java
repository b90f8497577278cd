package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.FetcherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 7, fourth fault: the broker stopped for 15 s and started again on the same data
 * directory and ports while jobs are in progress (the planner in a transaction, the fetcher producing bars,
 * the sink committing offsets). Every role rides it out without a restart of its own, and every
 * job ends exact.
 */
@Tag("date-sensitive")
class BrokerRestartIT {
    private static final Duration DOWN = Duration.ofSeconds(15);

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
    void shouldFinishEveryJobExactlyWhenTheBrokerRestartsMidRun() throws Exception {
        // One slow call at a time keeps the fetcher busy for several seconds after the first bars land.
        stack = FaultStack.start(dir, FaultStack.Options.defaults()
                .withFaults(SimulatorFaults.none(Duration.ofMillis(800)))
                .withFetcher(f -> new FetcherConfig(f.kafka(), f.groupId(), f.providers(), f.routes(), 1,
                        f.requestTimeout(), f.retry())));
        readiness = ReadinessProbe.start(stack.apiUrl());
        readiness.await("the stack is ready", 200, Duration.ofMinutes(2));
        Topics topics = stack.kafkaSettings().topics();
        RecentSessions window = RecentSessions.last(3);
        List<String> symbols = List.of("BKA", "BKB", "BKC", "BKD", "BKE", "BKF", "BKG", "BKH");
        Map<String, String> jobs = FaultKit.jobIds(symbols, window);

        FaultKit.produce(stack.bootstrapServers(), topics.coverageRequests.name(),
                symbols.stream().map(s -> FaultKit.good(s, window)).toList());
        await("the first bars stored").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage") > 0);
        long storedAtStop = Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage");
        Instant stopped = Instant.now();
        stack.stopKafka();
        readiness.await("readiness says the broker is gone", 503, Duration.ofSeconds(15));
        // Down as long as a real broker restart takes, past the consumers' session timeout (10 s).
        Duration left = DOWN.minus(Duration.between(stopped, Instant.now()));
        if (!left.isNegative()) {
            await("readiness stays down while the broker is stopped").during(left).atMost(left.plusSeconds(5))
                    .until(() -> readiness.last() != 200);
        }
        stack.startKafka();
        Duration down = Duration.between(stopped, Instant.now());
        assertThat(storedAtStop).as("the broker restarted mid-run").isLessThan((long) symbols.size() * window.days());
        readiness.await("readiness back to 200", 200, Duration.ofMinutes(1));

        FaultKit.awaitExact(stack.api(), stack.dataSource(), jobs, window, Duration.ofMinutes(3), () -> false);
        System.out.printf("broker restart: %d of %d days stored at the stop; broker down for %d ms%n",
                storedAtStop, symbols.size() * window.days(), down.toMillis());
    }
}

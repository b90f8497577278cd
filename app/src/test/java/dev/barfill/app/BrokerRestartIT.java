package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.FetcherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 7, fourth fault: the broker stopped and started again on the same data directory
 * and ports while jobs are in progress (the planner in a transaction, the fetcher producing bars,
 * the sink committing offsets). Every role rides it out without a restart of its own, and every
 * job ends exact.
 */
class BrokerRestartIT {
    @TempDir
    Path dir;
    private FaultStack stack;

    @AfterEach
    void stop() {
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
        Topics topics = stack.kafkaSettings().topics();
        RecentSessions window = RecentSessions.last(3);
        List<String> symbols = List.of("BKA", "BKB", "BKC", "BKD", "BKE", "BKF", "BKG", "BKH");
        Map<String, String> jobs = FaultKit.jobIds(symbols, window);

        FaultKit.produce(stack.bootstrapServers(), topics.coverageRequests.name(),
                symbols.stream().map(s -> FaultKit.good(s, window)).toList());
        await("the first bars stored").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage") > 0);
        long storedAtStop = Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage");
        long t0 = System.nanoTime();
        stack.stopKafka();
        stack.startKafka();
        long restartMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(storedAtStop).as("the broker restarted mid-run").isLessThan((long) symbols.size() * window.days());

        FaultKit.awaitExact(stack.api(), stack.dataSource(), jobs, window, Duration.ofMinutes(3), () -> false);
        System.out.printf("broker restart: %d of %d days stored at the stop; broker down and up again in %d ms%n",
                storedAtStop, symbols.size() * window.days(), restartMs);
    }
}

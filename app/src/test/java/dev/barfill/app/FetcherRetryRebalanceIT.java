package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.fetcher.route.CircuitBreaker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 7, third fault: fetchers rebalancing while the provider fails (503s, and 429s
 * whose {@code Retry-After} holds the fetcher) and chunks wait in the retry tiers. A second
 * fetcher joins mid-back-off, a third joins, then the second leaves: three rebalances of the main
 * and retry groups with chunks held; every day is still fetched and stored once, nothing is
 * dead-lettered, and every job ends exact.
 */
@Tag("date-sensitive")
class FetcherRetryRebalanceIT {
    /** Enough tiers that 40% failures never exhaust a day (0.4^9), short enough to finish quickly. */
    private static final RetryPolicy TIERS = new RetryPolicy(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5)), 0.2);

    /**
     * The breaker out of reach: these runs are about retry tiers, holds and rebalances. Fetchers that
     * join during a 12 s hold each meet its 429s, and five in a row tripped the default breaker for
     * 10 minutes (a full run here): what the breaker does is ProviderBreakerIT's subject.
     */
    private static final CircuitBreaker.Settings NO_TRIP = new CircuitBreaker.Settings(1_000,
            CircuitBreaker.Settings.DEFAULT_COOL_DOWN);

    @TempDir
    Path dir;
    private FaultStack stack;

    private HoldingProxy proxy;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldStoreEveryDayOnceWhenFetchersJoinAndLeaveWhileChunksWaitInRetryTiers() throws Exception {
        Duration latency = Duration.ofMillis(100);
        // 25% answered 503, 15% 429 with Retry-After 4 s: the provider holds the fetcher now and then too.
        SimulatorFaults failing = new SimulatorFaults(latency, 0.15, 0.25, 0, 0, 4, Duration.ofSeconds(10), 0, 7);
        stack = FaultStack.start(dir, FaultStack.Options.defaults().withFaults(failing)
                .withFetcher(f -> f.withRetry(TIERS).withRequestTimeout(Duration.ofSeconds(5)).withBreaker(NO_TRIP)));
        Topics topics = stack.kafkaSettings().topics();
        String group = stack.fetcherConfig().groupId();
        RecentSessions window = RecentSessions.last(5);
        List<String> symbols = List.of("RBA", "RBB", "RBC", "RBD", "RBE", "RBF", "RBG", "RBH");
        Map<String, String> jobs = FaultKit.jobIds(symbols, window);
        String firstTier = topics.chunksRetry(TIERS.tiers().size()).get(0).name();

        FaultKit.produce(stack.bootstrapServers(), topics.coverageRequests.name(),
                symbols.stream().map(s -> FaultKit.good(s, window)).toList());
        await("chunks waiting in a retry tier").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> FaultKit.endOffsets(stack.bootstrapServers(), firstTier) > 0);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            long storedAtJoin = Sql.count(stack.dataSource(), "SELECT count(*) FROM bar_coverage");
            Roles second = stack.addFetcher();
            awaitMembers(admin, group, 2);
            stack.addFetcher();
            awaitMembers(admin, group, 3);
            second.close();
            awaitMembers(admin, group, 2);
            assertThat(storedAtJoin).as("the second fetcher joined mid-run")
                    .isLessThan((long) symbols.size() * window.days());
        }

        FaultKit.awaitExact(stack.api(), stack.dataSource(), jobs, window, Duration.ofMinutes(3), () -> false);
        assertThat(FaultKit.readAll(stack.bootstrapServers(), topics.chunksDlq.name())).as("dead-lettered chunks")
                .isEmpty();
        System.out.printf("fetcher rebalance: %d provider requests, %d answered 429, %d chunks through retry-1%n",
                stack.simulator().requests(), stack.simulator().rateLimited(),
                FaultKit.endOffsets(stack.bootstrapServers(), firstTier));
    }

    /**
     * The main fetcher waits out a provider hold ({@code Retry-After}) with a batch in hand while a
     * second fetcher joins and requests keep coming, so the rebalance lands in the middle of that
     * batch and of the back-off that follows it; a third joins and the second leaves later on.
     */
    @Test
    @Timeout(300)
    void shouldStoreEveryDayOnceWhenAFetcherJoinsWhileTheFirstWaitsOutAProviderHoldAndRequestsKeepComing()
            throws Exception {
        proxy = new HoldingProxy();
        // 20% of the answers that get through the hold are 503s: chunks wait in the retry tiers too.
        SimulatorFaults failing = new SimulatorFaults(Duration.ofMillis(50), 0, 0.2, 0, 0, 1, Duration.ofSeconds(10),
                0, 11);
        stack = FaultStack.start(dir, FaultStack.Options.defaults().withFaults(failing)
                .withProviderUrl(proxy::forwardTo).withFetcher(f -> f.withRetry(TIERS).withBreaker(NO_TRIP)));
        Topics topics = stack.kafkaSettings().topics();
        String group = stack.fetcherConfig().groupId();
        RecentSessions window = RecentSessions.last(3);
        List<List<String>> waves = List.of(List.of("HWA", "HWB", "HWC"), List.of("HWD", "HWE", "HWF"),
                List.of("HWG", "HWH", "HWI"), List.of("HWJ", "HWK", "HWL"), List.of("HWM", "HWN", "HWO"));
        Map<String, String> jobs = FaultKit.jobIds(waves.stream().flatMap(List::stream).toList(), window);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            awaitMembers(admin, group, 1);
            proxy.hold(Duration.ofSeconds(12));
            produce(topics, waves.get(0), window);
            await("the provider holds the fetcher").atMost(Duration.ofSeconds(30)).until(() -> proxy.refused() > 0);
            produce(topics, waves.get(1), window);
            Roles second = stack.addFetcher();
            produce(topics, waves.get(2), window);
            awaitMembers(admin, group, 2);
            produce(topics, waves.get(3), window);
            stack.addFetcher();
            awaitMembers(admin, group, 3);
            second.close();
            produce(topics, waves.get(4), window);
            awaitMembers(admin, group, 2);
        }

        FaultKit.awaitExact(stack.api(), stack.dataSource(), jobs, window, Duration.ofMinutes(3), () -> false);
        assertThat(FaultKit.readAll(stack.bootstrapServers(), topics.chunksDlq.name())).as("dead-lettered chunks")
                .isEmpty();
        System.out.printf("fetcher rebalance in a provider hold: %d requests answered 429 by the hold, %d by the"
                + " simulator in all %d%n", proxy.refused(), stack.simulator().rateLimited(), stack.simulator().requests());
    }

    private void produce(Topics topics, List<String> symbols, RecentSessions window) throws Exception {
        FaultKit.produce(stack.bootstrapServers(), topics.coverageRequests.name(),
                symbols.stream().map(s -> FaultKit.good(s, window)).toList());
    }

    private static void awaitMembers(Admin admin, String group, int n) {
        await(n + " members in " + group).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> FaultKit.members(admin, group).size() == n);
    }
}

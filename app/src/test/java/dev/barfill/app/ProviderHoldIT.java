package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.retry.RetryPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 7, fifth fault: a provider hold longer than a consumer may go without polling.
 * The provider answers 429 with a {@code Retry-After} of {@link #HOLD} for that long; requests
 * that arrive during the hold must wait for it without stalling the fetcher's consumers: each
 * keeps polling (its {@code last-poll-seconds-ago} stays under {@link #MAX_POLL_GAP}, the
 * {@code max.poll.interval.ms} a hold must never make a consumer miss), the group keeps the same
 * members throughout, and every job ends exact once the hold is over.
 *
 * <p>The fetcher's {@code max.poll.interval.ms} is fixed at 10 minutes in its code and no setting
 * reaches it, so the test cannot make a consumer really miss it in a short run; it measures the
 * consumers' own poll gaps instead, which is what missing it would take.
 */
@Tag("date-sensitive")
class ProviderHoldIT {
    private static final Duration HOLD = Duration.ofSeconds(45);
    private static final double MAX_POLL_GAP = 15;
    private static final RetryPolicy TIERS = new RetryPolicy(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(5)), 0.2);

    @TempDir
    Path dir;
    private HoldingProxy proxy;
    private FaultStack stack;

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
    void shouldKeepEveryFetcherConsumerPollingAndInItsGroupThroughAProviderHoldLongerThanAPollInterval()
            throws Exception {
        proxy = new HoldingProxy();
        stack = FaultStack.start(dir, FaultStack.Options.defaults().withProviderUrl(proxy::forwardTo)
                .withFetcher(f -> f.withRetry(TIERS)));
        Topics topics = stack.kafkaSettings().topics();
        String group = stack.fetcherConfig().groupId();
        RecentSessions window = RecentSessions.last(3);
        List<String> first = List.of("HLA", "HLB");
        List<String> during = List.of("HLC", "HLD");
        Map<String, String> jobs = FaultKit.jobIds(Stream.concat(first.stream(), during.stream()).toList(), window);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            // Settled: the fetcher has joined and nobody has joined or left for two seconds.
            AtomicReference<Map<String, List<String>>> settled = new AtomicReference<>(Map.of());
            await("the fetcher settled in its groups").atMost(Duration.ofMinutes(1)).during(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                        Map<String, List<String>> now = members(admin, group);
                        boolean same = now.equals(settled.getAndSet(now));
                        return same && !now.get(group).isEmpty();
                    });
            Map<String, List<String>> membersBefore = settled.get();

            Instant holdEnds = proxy.hold(HOLD);
            FaultKit.produce(stack.bootstrapServers(), topics.coverageRequests.name(),
                    first.stream().map(s -> FaultKit.good(s, window)).toList());
            await("the provider holds the fetcher").atMost(Duration.ofSeconds(30)).until(() -> proxy.refused() > 0);
            FaultKit.produce(stack.bootstrapServers(), topics.coverageRequests.name(),
                    during.stream().map(s -> FaultKit.good(s, window)).toList());
            assertThat(Instant.now()).as("requests produced during the hold").isBefore(holdEnds);

            Map<String, Double> worstGap = new LinkedHashMap<>();
            List<Map<String, List<String>>> memberships = new ArrayList<>();
            await("the hold is over").atMost(HOLD.plusSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        pollGaps(group).forEach((client, gap) -> worstGap.merge(client, gap, Math::max));
                        memberships.add(members(admin, group));
                        return !proxy.holding();
                    });

            assertThat(worstGap).as("fetcher consumers found in JMX").isNotEmpty();
            assertThat(worstGap).as("the longest time each fetcher consumer went without polling during the %s hold, s",
                    HOLD).allSatisfy((client, gap) -> assertThat(gap).as(client).isLessThan(MAX_POLL_GAP));
            assertThat(memberships).as("members of the fetcher groups during the hold")
                    .allSatisfy(m -> assertThat(m).isEqualTo(membersBefore));
            FaultKit.awaitExact(stack.api(), stack.dataSource(), jobs, window, Duration.ofMinutes(2), () -> false);
            assertThat(members(admin, group)).as("members of the fetcher groups after the hold")
                    .isEqualTo(membersBefore);
            System.out.printf("provider hold of %s: %d requests answered 429; longest poll gaps %s%n", HOLD,
                    proxy.refused(), worstGap);
        }
    }

    private static Map<String, List<String>> members(Admin admin, String group) throws Exception {
        return Map.of(group, FaultKit.members(admin, group), group + "-retry", FaultKit.members(admin, group + "-retry"));
    }

    /** {@code last-poll-seconds-ago} of every consumer of this process whose client id starts with the fetcher's group. */
    private static Map<String, Double> pollGaps(String group) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Map<String, Double> gaps = new LinkedHashMap<>();
        for (ObjectName name : jmx.queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,client-id=*"), null)) {
            String client = name.getKeyProperty("client-id");
            if (client.startsWith(group) && !client.contains("cancellation")) {
                gaps.put(client, ((Number) jmx.getAttribute(name, "last-poll-seconds-ago")).doubleValue());
            }
        }
        return gaps;
    }
}

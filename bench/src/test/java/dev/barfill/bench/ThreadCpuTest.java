package dev.barfill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void shouldCountABusyThreadInTheFirstStageItsNameBelongsTo() throws Exception {
        CountDownLatch burned = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ThreadCpu cpu = new ThreadCpu();
        Thread worker = new Thread(() -> {
            long until = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + 30_000_000L;
            long x = 0;
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < until) {
                x += Long.numberOfTrailingZeros(x + 1);
            }
            burned.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kafka-producer-network-thread | barfill-planner-1234-StreamThread-1-producer");
        worker.start();
        assertThat(burned.await(30, TimeUnit.SECONDS)).isTrue();
        cpu.close();
        release.countDown();
        worker.join();

        Map<String, Long> groups = cpu.byGroup(Stages.ALL, "rest");
        assertThat(groups.get("planner")).isGreaterThanOrEqualTo(30_000_000L);
        assertThat(groups.keySet()).containsExactly("planner", "fetcher", "sink", "API view", "API HTTP and publishing",
                "provider simulator", "bench harness", "rest");
    }

    @Test
    void shouldTellTheStagesApartByTheNamesTheirThreadsGet() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("barfill-planner-0b5e-StreamThread-1", "planner"),
                Map.entry("planner-coverage-lookup", "planner"),
                Map.entry("fetch-call", "fetcher"),
                Map.entry("kafka-producer-network-thread | barfill-fetcher", "fetcher"),
                Map.entry("sink-jobs", "sink"),
                Map.entry("kafka-producer-network-thread | barfill-sink", "sink"),
                Map.entry("barfill-api-jobs", "API view"),
                Map.entry("barfill-api-schedules", "API view"),
                Map.entry("kafka-producer-network-thread | barfill-api", "API HTTP and publishing"),
                Map.entry("JettyServerThreadPool-145", "API HTTP and publishing"),
                Map.entry("data-plane-kafka-request-handler-3", "none"));
        expected.forEach((thread, stage) -> assertThat(List.of(Stages.ALL.stream()
                        .filter(g -> g.threads().test(thread)).map(ThreadCpu.Group::name).findFirst().orElse("none")))
                .as(thread).containsExactly(stage));
    }
}

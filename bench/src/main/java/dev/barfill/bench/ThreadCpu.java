package dev.barfill.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * CPU time of this JVM's threads from a start, by thread. ThreadMXBean only answers for live
 * threads, so a sampler thread reads every thread's time periodically and keeps the last figure
 * of each: a pool thread that ends between two samples loses at most one period of its time.
 */
final class ThreadCpu implements AutoCloseable {
    /** A named group of threads, e.g. a stage: every thread whose name the predicate accepts. */
    record Group(String name, Predicate<String> threads) {
    }

    private static final long PERIOD_MS = 100;

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> baseline = new ConcurrentHashMap<>();
    private final Map<Long, Long> last = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ThreadCpu() {
        if (!mx.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread CPU time");
        }
        mx.setThreadCpuTimeEnabled(true);
        sample(baseline);
        sampler = new Thread(() -> {
            while (running) {
                sample(last);
                try {
                    Thread.sleep(PERIOD_MS);  // sampling period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(Map<Long, Long> into) {
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = mx.getThreadCpuTime(ids[i]);
            if (cpu >= 0 && infos[i] != null) {
                into.put(ids[i], cpu);
                names.putIfAbsent(ids[i], infos[i].getThreadName());
            }
        }
    }

    /** Stops sampling after a last sample; the figures stay readable. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(2_000);
        sample(last);
    }

    /** Takes the last sample now, where the measured span ends; the same as {@link #close}, without the checked exception. */
    void stop() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nanoseconds of CPU since the start, by thread name (threads of one name added up). */
    Map<String, Long> byName() {
        Map<String, Long> out = new LinkedHashMap<>();
        last.forEach((id, cpu) -> {
            long used = cpu - baseline.getOrDefault(id, 0L);
            if (used > 0 && !names.get(id).equals(sampler.getName())) {
                out.merge(names.get(id), used, Long::sum);
            }
        });
        return out;
    }

    /**
     * Nanoseconds of CPU since the start by group, in the groups' order; a thread counts in the
     * first group that takes it, and {@code rest} names the threads no group took.
     */
    Map<String, Long> byGroup(List<Group> groups, String rest) {
        Map<String, Long> out = new LinkedHashMap<>();
        groups.forEach(g -> out.put(g.name(), 0L));
        out.put(rest, 0L);
        byName().forEach((name, cpu) -> out.merge(groups.stream().filter(g -> g.threads().test(name))
                .map(Group::name).findFirst().orElse(rest), cpu, Long::sum));
        return out;
    }
}

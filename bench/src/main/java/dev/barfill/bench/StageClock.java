package dev.barfill.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches topics and notes when each first holds a target number of new records: when every chunk
 * was planned, every day fetched, every day written. That is the breakdown by stage of a run's
 * elapsed time. A topic with a filter ({@code counted}) is read and only the records the filter
 * accepts count: on {@code chunk-events} a day retried first sends RETRYING events, which are no
 * outcome, so counting every record there would call the stage reached early. Such a topic is
 * timed by its records' timestamps (when they were produced), the others by sampling their end
 * offsets every 100 ms, and, where records carry the time they were sent, by the last records.
 */
final class StageClock implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> baseline = new LinkedHashMap<>();
    private final Map<String, Predicate<byte[]>> counted;
    private final Map<String, Long> accepted = new LinkedHashMap<>();
    private final Map<String, Double> reached = new ConcurrentHashMap<>();
    /** Per topic, when it first held each tenth of the target: how a stage progressed, not only when it ended. */
    private final Map<String, double[]> tenths = new ConcurrentHashMap<>();
    private final Map<String, Double> latest = new LinkedHashMap<>();
    private final String bootstrapServers;
    private final java.util.Set<String> stampedWhenSent;
    private final long target;
    private final Stopwatch watch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param counted         for some of {@code topics}, which record values count towards the target;
     *                        the other topics count every record
     * @param stampedWhenSent topics whose records carry the time they were produced (a plain producer's
     *                        default), so the stage is timed by the last records; not Kafka Streams
     *                        outputs, which carry their input's time
     */
    StageClock(String bootstrapServers, List<String> topics, Map<String, Predicate<byte[]>> counted,
               java.util.Set<String> stampedWhenSent, long target, Stopwatch watch) {
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed",
                "max.poll.records", 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.counted = Map.copyOf(counted);
        this.bootstrapServers = bootstrapServers;
        this.stampedWhenSent = java.util.Set.copyOf(stampedWhenSent);
        this.target = target;
        this.watch = watch;
        List<TopicPartition> read = new ArrayList<>();
        for (String topic : topics) {
            baseline.put(topic, end(topic));
            if (counted.containsKey(topic)) {
                read.addAll(partitions(topic));
                accepted.put(topic, 0L);
            }
        }
        consumer.assign(read);
        consumer.seekToEnd(read);  // only what the run adds counts
        read.forEach(consumer::position);
        this.thread = new Thread(() -> {
            while (running && reached.size() < baseline.size()) {
                sample();
                try {
                    Thread.sleep(100);  // sampling period of the clock
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }, "stage-clock");
        thread.setDaemon(true);
        thread.start();
    }

    /** A clock that counts every record of every topic. */
    StageClock(String bootstrapServers, List<String> topics, long target, Stopwatch watch) {
        this(bootstrapServers, topics, Map.of(), java.util.Set.of(), target, watch);
    }

    /** One look at every topic not yet at its target; the consumer is used by one thread at a time. */
    private synchronized void sample() {
        // Read up to what is there now, so the count keeps up however fast the stage writes.
        ConsumerRecords<byte[], byte[]> records = accepted.isEmpty() ? ConsumerRecords.empty()
                : consumer.poll(Duration.ofMillis(20));
        while (!records.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (counted.get(r.topic()).test(r.value())) {
                    long n = accepted.merge(r.topic(), 1L, Long::sum);
                    // A read topic's stage is timed by its records' own timestamps (stamped when produced),
                    // not by when this thread got to read them, which lags on a busy machine.
                    // Partitions are read in no common order: the stage is where the latest stamp seen so far is.
                    double at = latest.merge(r.topic(), watch.secondsAt(r.timestamp()), Math::max);
                    double[] t = tenths.computeIfAbsent(r.topic(), k -> filled(11));
                    for (int i = 1; i <= 10; i++) {
                        if (Double.isNaN(t[i]) && n * 10 >= target * i) {
                            t[i] = at;
                        }
                    }
                    if (n >= target) {
                        reached.putIfAbsent(r.topic(), at);
                    }
                }
            }
            records = consumer.poll(Duration.ofMillis(20));
        }
        for (var e : baseline.entrySet()) {
            String topic = e.getKey();
            if (accepted.containsKey(topic)) {
                continue;  // timed above, by its records
            }
            long added = end(topic) - e.getValue();
            double[] t = tenths.computeIfAbsent(topic, k -> filled(11));
            for (int i = 1; i <= 10; i++) {
                if (Double.isNaN(t[i]) && added * 10 >= target * i) {
                    t[i] = watch.seconds();
                }
            }
            if (!reached.containsKey(topic) && added >= target) {
                reached.put(topic, stampedWhenSent.contains(topic) ? lastStamp(topic).orElse(watch.seconds())
                        : watch.seconds());
            }
        }
    }

    /**
     * The latest timestamp of the last record of each partition of {@code topic}, in seconds since
     * the start: when the stage was really reached, as the sampling period and a busy machine make
     * this thread notice it later.
     */
    private java.util.Optional<Double> lastStamp(String topic) {
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = partitions(topic);
            Map<TopicPartition, Long> ends = probe.endOffsets(parts, Duration.ofSeconds(5));
            List<TopicPartition> filled = parts.stream().filter(tp -> ends.get(tp) > 0).toList();
            probe.assign(filled);
            // A few records back: on a topic written in transactions the last offsets are commit markers.
            filled.forEach(tp -> probe.seek(tp, Math.max(0, ends.get(tp) - 20)));
            long latestStamp = Long.MIN_VALUE;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (filled.stream().anyMatch(tp -> probe.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : probe.poll(Duration.ofMillis(100))) {
                    latestStamp = Math.max(latestStamp, r.timestamp());
                }
            }
            return latestStamp == Long.MIN_VALUE ? java.util.Optional.empty()
                    : java.util.Optional.of(watch.secondsAt(latestStamp));
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private long end(String topic) {
        return consumer.endOffsets(partitions(topic), Duration.ofSeconds(5)).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** When {@code topic} first held 10%, 20%, ... 100% of the target, e.g. {@code "10% 0.8 s, 20% 1.3 s, ..."}. */
    String progress(String topic) {
        double[] t = tenths.getOrDefault(topic, filled(11));
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            b.append(i == 1 ? "" : ", ").append(i * 10).append("% ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f s", t[i]));
        }
        return b.toString();
    }

    /** Seconds from the start until {@code topic} held the target, or NaN if it never did. */
    double secondsTo(String topic) {
        return reached.getOrDefault(topic, Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        sample();  // a stage reached in the last sampling period
        consumer.close();
    }
}

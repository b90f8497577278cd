package dev.barfill.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches topics' end offsets and notes when each first holds a target number of new records:
 * when every chunk was planned, every day fetched, every day written. That is the breakdown by
 * stage of a run's elapsed time.
 */
final class StageClock implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> baseline = new LinkedHashMap<>();
    private final Map<String, Double> reached = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StageClock(String bootstrapServers, List<String> topics, long target, Stopwatch watch) {
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : topics) {
            baseline.put(topic, end(topic));
        }
        this.target = target;
        this.watch = watch;
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

    private final long target;
    private final Stopwatch watch;

    /** One look at every topic not yet at its target; the consumer is used by one thread at a time. */
    private synchronized void sample() {
        for (var e : baseline.entrySet()) {
            if (!reached.containsKey(e.getKey()) && end(e.getKey()) - e.getValue() >= target) {
                reached.put(e.getKey(), watch.seconds());
            }
        }
    }

    private long end(String topic) {
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return consumer.endOffsets(parts, Duration.ofSeconds(5)).values().stream().mapToLong(Long::longValue).sum();
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

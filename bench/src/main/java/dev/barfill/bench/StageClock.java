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
 * outcome, so counting every record there would call the stage reached early. Other topics are
 * counted by their end offsets.
 */
final class StageClock implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> baseline = new LinkedHashMap<>();
    private final Map<String, Predicate<byte[]>> counted;
    private final Map<String, Long> accepted = new LinkedHashMap<>();
    private final Map<String, Double> reached = new ConcurrentHashMap<>();
    private final long target;
    private final Stopwatch watch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param counted for some of {@code topics}, which record values count towards the target; the
     *                other topics count every record
     */
    StageClock(String bootstrapServers, List<String> topics, Map<String, Predicate<byte[]>> counted, long target,
               Stopwatch watch) {
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed",
                "max.poll.records", 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.counted = Map.copyOf(counted);
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
        this(bootstrapServers, topics, Map.of(), target, watch);
    }

    /** One look at every topic not yet at its target; the consumer is used by one thread at a time. */
    private synchronized void sample() {
        // Read up to what is there now, so the count keeps up however fast the stage writes.
        ConsumerRecords<byte[], byte[]> records = accepted.isEmpty() ? ConsumerRecords.empty()
                : consumer.poll(Duration.ofMillis(20));
        while (!records.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (counted.get(r.topic()).test(r.value())) {
                    accepted.merge(r.topic(), 1L, Long::sum);
                }
            }
            records = consumer.poll(Duration.ofMillis(20));
        }
        for (var e : baseline.entrySet()) {
            String topic = e.getKey();
            long added = accepted.containsKey(topic) ? accepted.get(topic) : end(topic) - e.getValue();
            if (!reached.containsKey(topic) && added >= target) {
                reached.put(topic, watch.seconds());
            }
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private long end(String topic) {
        return consumer.endOffsets(partitions(topic), Duration.ofSeconds(5)).values().stream()
                .mapToLong(Long::longValue).sum();
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

package dev.barfill.core.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The at-least-once consumer loop shared by the fetcher and the sink: poll, hand the batch over,
 * commit its offsets only after the handler returned. When the handler fails the consumer seeks
 * back to the batch's first offsets, waits with capped exponential backoff and tries again, so a
 * passing outage loses nothing and an undecodable record is skipped with a log line instead of
 * stopping the partition. {@link #close()} stops it from another thread.
 */
public final class BatchConsumerLoop<V> implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String name;
    private final KafkaConsumer<String, V> consumer;
    private final List<String> topics;
    private final BatchHandler<V> handler;
    private volatile boolean running = true;

    public BatchConsumerLoop(String name, Properties consumerProps, Topic<String, V> topic, BatchHandler<V> handler) {
        this(name, consumerProps, List.of(topic.name()), topic.valueSerde().deserializer(), handler);
    }

    public BatchConsumerLoop(String name, Properties consumerProps, List<String> topics,
                             org.apache.kafka.common.serialization.Deserializer<V> values, BatchHandler<V> handler) {
        this.name = name;
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), values);
        this.topics = List.copyOf(topics);
        this.handler = handler;
    }

    @Override
    public void run() {
        Thread.currentThread().setName(name);
        try {
            consumer.subscribe(topics);
            long failures = 0;
            while (running) {
                ConsumerRecords<String, V> records = poll();
                if (records == null || records.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, V>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                try {
                    handler.handle(batch);
                    consumer.commitSync(nextOffsets(batch));
                    failures = 0;
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    failures++;
                    Duration wait = backoff(failures);
                    LOG.warn("{}: batch of {} failed ({}); retrying in {} ms", name, batch.size(), e.toString(),
                            wait.toMillis());
                    rewind(batch);
                    pauseFor(wait);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private ConsumerRecords<String, V> poll() {
        try {
            return consumer.poll(POLL);
        } catch (RecordDeserializationException e) {
            LOG.error("{}: skipping undecodable record at {}@{}: {}", name, e.topicPartition(), e.offset(),
                    e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return null;
        }
    }

    /** The offsets to commit after {@code batch}: one past the last record of each partition. */
    public static <V> Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, V>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, V> r : batch) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private void rewind(List<ConsumerRecord<String, V>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, V> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    /** Waits while keeping the group membership: paused partitions still poll for heartbeats. */
    private void pauseFor(Duration wait) {
        var assigned = consumer.assignment();
        consumer.pause(assigned);
        long until = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < until) {
            consumer.poll(POLL);
        }
        consumer.resume(consumer.assignment());
    }

    static Duration backoff(long failures) {
        long millis = 200L << Math.min(failures - 1, 10);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}

package dev.barfill.fetcher;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.BatchHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the retry tiers without blocking: a partition whose head record is not due yet is
 * paused (and rewound to that record) until its not-before time, while the consumer keeps polling
 * every {@value #POLL_MS} ms, so it never sleeps past {@code max.poll.interval.ms}. Due records
 * are handed over as one batch; offsets are committed only after the handler returned, that is
 * after every record it produced is acknowledged. A failing batch is rewound and tried again after
 * a pause.
 */
public final class RetryConsumerLoop implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryConsumerLoop.class);
    private static final long POLL_MS = 250;
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(2);

    private final KafkaConsumer<String, ChunkTask> consumer;
    private final List<String> topics;
    private final BatchHandler<ChunkTask> handler;
    private final Clock clock;
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private volatile boolean running = true;

    public RetryConsumerLoop(Properties props, List<String> topics, Deserializer<ChunkTask> values,
                             BatchHandler<ChunkTask> handler, Clock clock) {
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                resumeDue();
                List<ConsumerRecord<String, ChunkTask>> due = dueRecords(poll());
                if (due.isEmpty()) {
                    continue;
                }
                try {
                    handler.handle(due);
                    consumer.commitSync(BatchConsumerLoop.nextOffsets(due));
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warn("retry batch of {} failed ({}); retrying in {} ms", due.size(), e.toString(),
                            FAILURE_PAUSE.toMillis());
                    holdAll(due);
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

    private ConsumerRecords<String, ChunkTask> poll() {
        try {
            return consumer.poll(Duration.ofMillis(POLL_MS));
        } catch (RecordDeserializationException e) {
            LOG.error("skipping undecodable retry record at {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    /** The records due now; each partition stops at its first record not due, which it waits for. */
    private List<ConsumerRecord<String, ChunkTask>> dueRecords(ConsumerRecords<String, ChunkTask> records) {
        Instant now = clock.instant();
        List<ConsumerRecord<String, ChunkTask>> due = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, ChunkTask> r : records.records(tp)) {
                Instant notBefore = r.value() == null ? null : r.value().notBefore();
                if (notBefore != null && notBefore.isAfter(now)) {
                    pause(tp, r.offset(), notBefore);
                    break;
                }
                due.add(r);
            }
        }
        return due;
    }

    private void pause(TopicPartition tp, long offset, Instant until) {
        consumer.seek(tp, offset);
        consumer.pause(List.of(tp));
        pausedUntil.put(tp, until);
    }

    private void resumeDue() {
        Instant now = clock.instant();
        List<TopicPartition> ready = new ArrayList<>();
        pausedUntil.forEach((tp, until) -> {
            if (!until.isAfter(now)) {
                ready.add(tp);
            }
        });
        ready.forEach(pausedUntil::remove);
        ready.retainAll(consumer.assignment());
        if (!ready.isEmpty()) {
            consumer.resume(ready);
        }
    }

    /** Rewinds every partition of a failed batch to its first record and pauses it for a while. */
    private void holdAll(List<ConsumerRecord<String, ChunkTask>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, ChunkTask> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        Instant until = clock.instant().plus(FAILURE_PAUSE);
        first.forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                pause(tp, offset, until);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}

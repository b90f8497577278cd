package dev.barfill.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's consumer loop. Records gather across polls into one batch until it holds
 * {@code maxRows} rows or its first record has waited {@code maxDelay}; the handler then writes it
 * and only after it returned are the offsets committed. When the handler fails, every assigned
 * partition is paused (the consumer keeps polling, so it stays in its group), the same batch is
 * tried again after a capped backoff, and no offset moves until it succeeds. A rebalance drops the
 * batch and rewinds the partitions kept, so the new owner or this one reads it again.
 */
final class SinkLoop<V> implements Runnable, AutoCloseable {
    /** Writes a batch durably or throws; see {@link dev.barfill.core.kafka.BatchHandler}. */
    interface Handler<V> {
        void handle(List<Polled<V>> batch) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Deserializer<V> values;
    private final ToIntFunction<V> rows;
    private final int maxRows;
    private final Duration maxDelay;
    private final Backoff backoff;
    private final SinkHealth health;
    private final Handler<V> handler;
    private final List<Polled<V>> pending = new ArrayList<>();
    private int pendingRows;
    private long firstAt;
    private boolean paused;
    private volatile boolean running = true;

    SinkLoop(String name, Consumer<String, byte[]> consumer, List<String> topics, Deserializer<V> values,
             ToIntFunction<V> rows, int maxRows, Duration maxDelay, Backoff backoff, SinkHealth health,
             Handler<V> handler) {
        this.name = name;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.values = values;
        this.rows = rows;
        this.maxRows = maxRows;
        this.maxDelay = maxDelay;
        this.backoff = backoff;
        this.health = health;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                Duration wait = pending.isEmpty() ? POLL
                        : Duration.ofNanos(Math.max(0, Math.min(POLL.toNanos(), firstAt + maxDelay.toNanos() - System.nanoTime())));
                add(consumer.poll(wait));
                if (!pending.isEmpty() && (pendingRows >= maxRows || System.nanoTime() - firstAt >= maxDelay.toNanos())) {
                    flush();
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

    private void add(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            if (pending.isEmpty()) {
                firstAt = System.nanoTime();
            }
            Polled<V> p = decode(r);
            pending.add(p);
            pendingRows += p.value() == null ? 1 : Math.max(1, rows.applyAsInt(p.value()));
        }
    }

    private Polled<V> decode(ConsumerRecord<String, byte[]> r) {
        try {
            return new Polled<>(r, values.deserialize(r.topic(), r.headers(), r.value()), null);
        } catch (RuntimeException e) {
            return new Polled<>(r, null, "undecodable: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** Hands the batch over until it is written, or the batch is dropped by a rebalance, or the loop stops. */
    private void flush() {
        long failures = 0;
        while (running && !pending.isEmpty()) {
            try {
                handler.handle(List.copyOf(pending));
                health.succeeded();
                commit();
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                failures++;
                Duration wait = backoff.after(failures);
                health.failed(SqlErrors.describe(e));
                LOG.warn("{}: batch of {} records failed ({}); partitions paused, retry {} in {} ms", name,
                        pending.size(), SqlErrors.describe(e), failures, wait.toMillis());
                pauseAll();
                waitPolling(wait);
            }
        }
        if (paused) {
            // A rebalance took the batch away: what comes next gets its own first attempt.
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (Polled<V> p : pending) {
            ConsumerRecord<String, byte[]> r = p.raw();
            next.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        pending.clear();
        pendingRows = 0;
        if (paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
        try {
            consumer.commitSync(next);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The batch is durable already; losing the commit only means replaying it, which is harmless.
            LOG.warn("{}: offset commit failed after a written batch ({}); it may be replayed", name, e.toString());
        }
    }

    private void pauseAll() {
        consumer.pause(consumer.assignment());
        paused = true;
    }

    /** Polls the paused partitions so heartbeats and rebalances go on; any record still arriving joins the batch. */
    private void waitPolling(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (running && !pending.isEmpty() && System.nanoTime() < until) {
            add(consumer.poll(Duration.ofNanos(Math.min(POLL.toNanos(), Math.max(0, until - System.nanoTime())))));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    /** Drops the batch on revocation, rewinding the partitions this member keeps; pauses new ones while failing. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Map<TopicPartition, Long> first = new HashMap<>();
            for (Polled<V> p : pending) {
                first.merge(new TopicPartition(p.raw().topic(), p.raw().partition()), p.raw().offset(), Math::min);
            }
            first.forEach((tp, offset) -> {
                if (!revoked.contains(tp) && consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
            if (!pending.isEmpty()) {
                LOG.info("{}: rebalance dropped an unwritten batch of {} records; it will be read again", name,
                        pending.size());
            }
            pending.clear();
            pendingRows = 0;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (paused) {
                consumer.pause(assigned);
            }
        }
    }
}

package dev.barfill.core.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one at-least-once consumer loop of barfill, for every consumer group outside Kafka Streams:
 * the fetcher's {@code chunks} and its retry tiers, the sink's {@code bars} and its
 * {@code backfill_jobs} mirror of {@code job-progress}. Every polled record joins
 * {@link PendingRecords} and leaves it only by being handled or by a revocation of its partition;
 * offsets are committed only for handled records, so a commit never passes a record nobody handled.
 * <ul>
 *   <li>Decoding happens here, on raw bytes, with the topic's declared value serde
 *       ({@link #of}): an undecodable record reaches the handler flagged, with its bytes, for a
 *       dead-letter topic; it never stops a partition nor vanishes.</li>
 *   <li>Records are handed over in batches: as polled, or gathered up to a weight or a delay
 *       ({@link LoopOptions#withBatching}, the sink's rows per transaction).</li>
 *   <li>A failing handler gets the same records again after a capped backoff; meanwhile every
 *       assigned partition is paused, newly assigned ones too, and the consumer keeps polling so it
 *       stays in its group.</li>
 *   <li>A record with a not-before time in the future holds its partition (paused, polled) until
 *       then; other partitions flow.</li>
 *   <li>A rebalance drops the pending records of revoked partitions, after committing what was
 *       handled of them; a commit that fails is kept and tried again, never lost. The options'
 *       {@link AssignmentListener} hears the partitions held after each change.</li>
 * </ul>
 * {@link #close()} stops it from another thread.
 */
public final class BatchConsumerLoop<V> implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumerLoop.class);
    static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Deserializer<V> values;
    private final PolledHandler<V> handler;
    private final LoopOptions<V> options;
    private final PendingRecords<V> pending = new PendingRecords<>();
    private final HandledOffsets handled;
    private final GroupMembership membership = new GroupMembership();
    private long failures;
    private boolean backingOff;
    private long retryAtNanos;
    private volatile boolean running = true;

    public BatchConsumerLoop(String name, Consumer<String, byte[]> consumer, List<String> topics,
                             Deserializer<V> values, PolledHandler<V> handler, LoopOptions<V> options) {
        this.name = name;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.values = values;
        this.handler = handler;
        this.options = options;
        this.handled = new HandledOffsets(name);
    }

    /** A loop on one topic with a new {@link KafkaConsumer} of {@code consumerProps}. */
    public static <V> BatchConsumerLoop<V> of(String name, Properties consumerProps, Topic<String, V> topic,
                                              PolledHandler<V> handler, LoopOptions<V> options) {
        return new BatchConsumerLoop<>(name, rawConsumer(consumerProps), List.of(topic.name()),
                topic.valueSerde().deserializer(), handler, options);
    }

    /** A consumer of raw values: decoding is the loop's, so a bad record cannot stop a poll. */
    public static Consumer<String, byte[]> rawConsumer(Properties consumerProps) {
        return new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                step();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            membership.left();
            try {
                handled.commit(consumer);
            } catch (RuntimeException e) {
                LOG.warn("{}: last offset commit failed ({}); those records will be read again", name, e.toString());
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** The loop's name in logs and readiness, e.g. {@code fetcher-retry}. */
    public String name() {
        return name;
    }

    /** Whether the consumer is in its group, for readiness. */
    public GroupMembership membership() {
        return membership;
    }

    /** The consumer, for its client metrics ({@code metrics()} may be read from any thread). */
    public Consumer<String, byte[]> consumer() {
        return consumer;
    }

    /** One turn: hold what must wait, poll, and hand over what is ready. */
    void step() {
        if (backingOff && pending.isEmpty()) {
            // A rebalance took the failed records away: what comes next gets its own first attempt.
            backingOff = false;
        }
        Instant now = options.clock().instant();
        holdPartitions(now);
        for (ConsumerRecord<String, byte[]> r : consumer.poll(pollTimeout())) {
            pending.add(decode(r), System.nanoTime());
        }
        handled.commit(consumer);
        if (backingOff && System.nanoTime() - retryAtNanos < 0) {
            return;
        }
        List<Polled<V>> due = pending.due(options.clock().instant(), options.notBefore());
        if (!due.isEmpty() && (backingOff || ready(due))) {
            handle(due);
        }
    }

    private Duration pollTimeout() {
        long nanos = POLL.toNanos();
        if (backingOff) {
            nanos = Math.min(nanos, retryAtNanos - System.nanoTime());
        } else if (!pending.isEmpty() && !options.maxDelay().isZero()) {
            nanos = Math.min(nanos, pending.oldestNanos() + options.maxDelay().toNanos() - System.nanoTime());
        }
        return Duration.ofNanos(Math.max(0, nanos));
    }

    private boolean ready(List<Polled<V>> due) {
        if (options.maxDelay().isZero()
                || System.nanoTime() - pending.oldestNanos() >= options.maxDelay().toNanos()) {
            return true;
        }
        long weight = 0;
        for (Polled<V> p : due) {
            weight += p.value() == null ? 1 : Math.max(1, options.weight().applyAsInt(p.value()));
        }
        return weight >= options.maxWeight();
    }

    /** Pauses every partition while backing off, else those waiting for a not-before time; resumes the rest. */
    private void holdPartitions(Instant now) {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> hold = new HashSet<>(backingOff ? assigned
                : pending.waiting(now, options.notBefore()).keySet());
        hold.retainAll(assigned);
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(hold);
        resume.retainAll(assigned);
        hold.removeAll(paused);
        if (!hold.isEmpty()) {
            consumer.pause(hold);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private Polled<V> decode(ConsumerRecord<String, byte[]> r) {
        try {
            return new Polled<>(r, r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value()),
                    null);
        } catch (RuntimeException e) {
            return new Polled<>(r, null, "undecodable: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void handle(List<Polled<V>> due) {
        try {
            handler.handle(due);
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failures++;
            Duration wait = options.backoff().after(failures);
            retryAtNanos = System.nanoTime() + wait.toNanos();
            backingOff = true;
            options.health().failed(e);
            LOG.warn("{}: batch of {} records failed ({}); partitions paused, retry {} in {} ms", name, due.size(),
                    e.toString(), failures, wait.toMillis());
            return;
        }
        failures = 0;
        backingOff = false;
        options.health().succeeded();
        handled.add(pending.remove(due, System.nanoTime()));
        handled.commit(consumer);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    /** Commits what was handled of revoked partitions, then forgets their pending records. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Set<TopicPartition> held = new HashSet<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            handled.commitRevoked(consumer, revoked);
            forget(revoked);
            changed(() -> held.removeAll(revoked));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            handled.forget(lost);
            forget(lost);
            membership.left();
            changed(() -> held.removeAll(lost));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            // Called after every rebalance, with what this member holds in total under the classic protocol's
            // eager assignors and with what it newly got under cooperative ones: count what the consumer holds.
            membership.assigned(consumer.assignment().size());
            if (backingOff && !assigned.isEmpty()) {
                // The group may have cleared the pause flags: a new partition must not flow during the backoff.
                consumer.pause(assigned);
            }
            changed(() -> held.addAll(assigned));
        }

        private void changed(Runnable change) {
            change.run();
            if (options.assignments() == AssignmentListener.NONE) {
                return;
            }
            Map<String, Integer> partitions = new HashMap<>();
            for (String topic : topics) {
                partitions.put(topic, consumer.partitionsFor(topic).size());
            }
            options.assignments().assigned(Set.copyOf(held), partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            int dropped = pending.drop(partitions);
            if (dropped > 0) {
                LOG.info("{}: rebalance took {} unhandled records away; their next owner reads them again", name,
                        dropped);
            }
        }
    }
}

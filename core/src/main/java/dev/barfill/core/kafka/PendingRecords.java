package dev.barfill.core.kafka;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records polled and not yet handled, in partition order. A record leaves only by being handled
 * (then its offset may be committed) or because its partition was revoked (then nothing of it is
 * committed and the next owner reads it again): never by being overlooked. Not thread-safe; the
 * consumer thread owns it.
 */
final class PendingRecords<V> {
    private final Map<TopicPartition, ArrayDeque<Polled<V>>> byPartition = new LinkedHashMap<>();
    private int size;
    private long oldestNanos;

    void add(Polled<V> p, long nowNanos) {
        if (size == 0) {
            oldestNanos = nowNanos;
        }
        byPartition.computeIfAbsent(p.partition(), tp -> new ArrayDeque<>()).addLast(p);
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** When the oldest record still pending arrived, in {@link System#nanoTime()} terms. */
    long oldestNanos() {
        return oldestNanos;
    }

    /**
     * The records that may be handled now: of each partition, the records up to its first one whose
     * not-before time lies after {@code now}. Handling stops there so a partition stays in order.
     */
    List<Polled<V>> due(Instant now, Function<V, Instant> notBefore) {
        List<Polled<V>> due = new ArrayList<>(size);
        for (ArrayDeque<Polled<V>> records : byPartition.values()) {
            for (Polled<V> p : records) {
                if (!isDue(p, now, notBefore)) {
                    break;
                }
                due.add(p);
            }
        }
        return due;
    }

    /** Partitions whose first pending record is not due yet, with the time it becomes due. */
    Map<TopicPartition, Instant> waiting(Instant now, Function<V, Instant> notBefore) {
        Map<TopicPartition, Instant> waiting = new HashMap<>();
        byPartition.forEach((tp, records) -> {
            Polled<V> head = records.peekFirst();
            if (head != null && !isDue(head, now, notBefore)) {
                waiting.put(tp, notBefore.apply(head.value()));
            }
        });
        return waiting;
    }

    /**
     * Removes handled records, which must be the heads of their partitions as {@link #due} gave
     * them, and returns the offsets to commit for them: one past the last of each partition.
     */
    Map<TopicPartition, OffsetAndMetadata> remove(List<Polled<V>> handled, long nowNanos) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (Polled<V> p : handled) {
            ArrayDeque<Polled<V>> records = byPartition.get(p.partition());
            if (records == null || records.peekFirst() != p) {
                // Its partition was revoked meanwhile: the new owner handles it again, nothing to commit.
                continue;
            }
            records.removeFirst();
            size--;
            next.put(p.partition(), new OffsetAndMetadata(p.offset() + 1));
        }
        byPartition.values().removeIf(ArrayDeque::isEmpty);
        if (size > 0) {
            oldestNanos = nowNanos;
        }
        return next;
    }

    /** Forgets the records of partitions this consumer no longer owns; returns how many. */
    int drop(Collection<TopicPartition> partitions) {
        int dropped = 0;
        for (TopicPartition tp : partitions) {
            ArrayDeque<Polled<V>> records = byPartition.remove(tp);
            if (records != null) {
                dropped += records.size();
            }
        }
        size -= dropped;
        return dropped;
    }

    private static <V> boolean isDue(Polled<V> p, Instant now, Function<V, Instant> notBefore) {
        Instant at = p.value() == null ? null : notBefore.apply(p.value());
        return at == null || !at.isAfter(now);
    }
}

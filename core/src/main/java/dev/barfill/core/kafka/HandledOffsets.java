package dev.barfill.core.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets of handled records not yet committed: one past the last handled record of each
 * partition, so a commit never passes a record nobody handled. A commit that fails (a rebalance
 * in progress, a coordinator moving) keeps them to be tried again; a partition's offsets go only
 * when they are committed or the partition is no longer this consumer's. Consumer thread only.
 */
final class HandledOffsets {
    private static final Logger LOG = LoggerFactory.getLogger(HandledOffsets.class);

    private final String name;
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();

    HandledOffsets(String name) {
        this.name = name;
    }

    void add(Map<TopicPartition, OffsetAndMetadata> handled) {
        handled.forEach((tp, next) -> toCommit.merge(tp, next, (a, b) -> a.offset() >= b.offset() ? a : b));
    }

    /** Commits what is pending for partitions still assigned; on failure keeps it for the next call. */
    void commit(Consumer<?, ?> consumer) {
        toCommit.keySet().retainAll(consumer.assignment());
        if (toCommit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(toCommit));
            toCommit.clear();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("{}: offset commit failed ({}); kept and tried again", name, e.toString());
        }
    }

    /** Commits the pending offsets of partitions being revoked, while this consumer still owns them. */
    void commitRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        for (TopicPartition tp : revoked) {
            OffsetAndMetadata next = toCommit.remove(tp);
            if (next != null) {
                handled.put(tp, next);
            }
        }
        if (handled.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(handled);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("{}: commit on revocation failed ({}); the new owner reads those records again", name,
                    e.toString());
        }
    }

    /** Forgets partitions lost without a revocation: another member may own them already. */
    void forget(Collection<TopicPartition> lost) {
        toCommit.keySet().removeAll(lost);
    }
}

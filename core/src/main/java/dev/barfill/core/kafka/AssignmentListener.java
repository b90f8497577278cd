package dev.barfill.core.kafka;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** Told of a loop's assignment after every rebalance, on the consumer's thread; keep it short. */
public interface AssignmentListener {
    /**
     * @param held       the partitions the consumer holds now (empty while a rebalance revoked them all)
     * @param partitions partitions of each subscribed topic, as the consumer's metadata knows them
     */
    void assigned(Set<TopicPartition> held, Map<String, Integer> partitions);

    AssignmentListener NONE = (held, partitions) -> {
    };
}

package dev.barfill.api.pipeline;

import java.util.List;

/** Consumer lag per group and partition, committed offsets against end offsets. */
public interface ConsumerLag {
    /** Every partition every consumer group has committed on, sorted by group, topic and partition. */
    List<PartitionLag> lag();
}

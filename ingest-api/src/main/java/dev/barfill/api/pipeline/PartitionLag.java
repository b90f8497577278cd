package dev.barfill.api.pipeline;

/**
 * How far one consumer group is behind on one partition.
 *
 * @param committed the group's committed offset
 * @param end       the partition's end offset (the next offset to be written)
 * @param lag       {@code end - committed}, never negative
 */
public record PartitionLag(String group, String topic, int partition, long committed, long end, long lag) {

    public static PartitionLag of(String group, String topic, int partition, long committed, long end) {
        return new PartitionLag(group, topic, partition, committed, end, Math.max(0, end - committed));
    }
}

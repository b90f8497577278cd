package dev.barfill.api.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag read with the Admin API, as {@code kafka-consumer-groups --describe} does: the committed
 * offsets of every consumer group (the fetcher, its retry tiers, the sink, the planner's Kafka
 * Streams application) against the partitions' end offsets. Three round trips per call whatever
 * the number of groups; nothing is read from the topics themselves.
 */
public final class AdminConsumerLag implements ConsumerLag {
    private final Admin admin;
    private final Duration timeout;

    public AdminConsumerLag(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public List<PartitionLag> lag() {
        try {
            List<String> groups = new ArrayList<>();
            for (GroupListing g : get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
                groups.add(g.groupId());
            }
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
                offsets.values().removeIf(java.util.Objects::isNull);
                committed.put(group, offsets);
                offsets.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                    ends.isEmpty() ? Map.of() : get(admin.listOffsets(ends).all());
            List<PartitionLag> rows = new ArrayList<>();
            committed.forEach((group, offsets) -> offsets.forEach((tp, c) -> {
                ListOffsetsResult.ListOffsetsResultInfo e = end.get(tp);
                if (e != null) {
                    rows.add(PartitionLag.of(group, tp.topic(), tp.partition(), c.offset(), e.offset()));
                }
            }));
            rows.sort(Comparator.comparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                    .thenComparingInt(PartitionLag::partition));
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

package dev.barfill.api.pipeline;

import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Lag read with the Admin API, as {@code kafka-consumer-groups --describe} does: the committed
 * offsets of every consumer group (the fetcher, its retry tiers, the sink, the planner's Kafka
 * Streams application) against the partitions' end offsets, in three round trips whatever the
 * number of groups.
 *
 * <p>The planner produces in transactions (exactly-once), and each transaction ends with a commit
 * marker that takes an offset but is no record: a group that has read everything has committed
 * the marker's offset, so the end offset stays ahead by one for ever. A partition only a few
 * offsets behind ({@link #RECOUNTED}) is therefore read from its committed offset to the end with a
 * {@code read_committed} consumer, and its lag is the records actually there: zero once the work is
 * done. Larger lags are reported as the offsets say.
 */
public final class AdminConsumerLag implements ConsumerLag {
    /** Lags up to this many offsets are recounted as records. */
    static final long RECOUNTED = 20;

    private final Admin admin;
    private final Duration timeout;
    private final Supplier<Consumer<byte[], byte[]>> consumers;

    /**
     * @param consumers makes a {@code read_committed} consumer without a group for the recount; null
     *                  reports every lag as the offsets say
     */
    public AdminConsumerLag(Admin admin, Duration timeout, Supplier<Consumer<byte[], byte[]>> consumers) {
        this.admin = admin;
        this.timeout = timeout;
        this.consumers = consumers;
    }

    /**
     * Consumers for the recount on {@code kafka}'s cluster, reached as every other client is (its
     * {@code kafka.client.*} settings: security protocol, SASL, TLS): no group, no commits, committed
     * records only.
     */
    public static Supplier<Consumer<byte[], byte[]>> consumersOf(KafkaSettings kafka) {
        Map<String, Object> config = recountConsumer(kafka);
        return () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The settings of a recount consumer: the cluster's connection settings and the recount's own. */
    static Map<String, Object> recountConsumer(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>();
        KafkaClients.connection(kafka).forEach((k, v) -> config.put((String) k, v));
        config.put("client.id", "barfill-api-lag");
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed");
        return Map.copyOf(config);
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
            List<PartitionLag> counted = recount(rows);
            counted.sort(Comparator.comparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                    .thenComparingInt(PartitionLag::partition));
            return counted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
    }

    private List<PartitionLag> recount(List<PartitionLag> rows) {
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> to = new HashMap<>();
        for (PartitionLag r : rows) {
            if (r.lag() > 0 && r.lag() <= RECOUNTED) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                from.merge(tp, r.committed(), Math::min);
                to.put(tp, r.end());
            }
        }
        if (consumers == null || from.isEmpty()) {
            return new ArrayList<>(rows);
        }
        Map<TopicPartition, List<Long>> offsets = new HashMap<>();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    offsets.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>())
                            .add(r.offset());
                }
            }
            Map<TopicPartition, Boolean> read = new HashMap<>();
            from.keySet().forEach(tp -> read.put(tp, consumer.position(tp) >= to.get(tp)));
            List<PartitionLag> out = new ArrayList<>();
            for (PartitionLag r : rows) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (!Boolean.TRUE.equals(read.get(tp))) {
                    out.add(r);
                    continue;
                }
                long left = offsets.getOrDefault(tp, List.of()).stream()
                        .filter(o -> o >= r.committed() && o < r.end()).count();
                out.add(new PartitionLag(r.group(), r.topic(), r.partition(), r.committed(), r.end(), left));
            }
            return out;
        } catch (org.apache.kafka.common.KafkaException e) {
            // The recount only refines; the offsets' answer stands when it cannot be made.
            return new ArrayList<>(rows);
        }
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

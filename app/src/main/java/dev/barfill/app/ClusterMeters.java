package dev.barfill.app;

import dev.barfill.core.kafka.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters of the whole pipeline as the cluster sees it, served by the API role: records in each
 * dead-letter topic ({@code barfill.dlq.records{topic}}, end offsets: whichever role wrote them,
 * since the topic was created) and the lag of every consumer group on barfill's topics
 * ({@code barfill.consumer.lag{group}}: end offsets minus committed offsets, the Streams planner
 * included). Read with the API's admin client at most every {@code refresh}, on a scrape; a
 * failed read keeps the previous values (and {@code barfill.cluster.read.failures} counts it).
 */
final class ClusterMeters {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMeters.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final Topics topics;
    private final String topicPrefix;
    private final Duration refresh;
    private final MeterRegistry registry;
    private final LongSupplier nanos;
    private final Set<String> groupsWithMeters = new HashSet<>();
    private volatile Map<String, Long> dlqRecords = Map.of();
    private volatile Map<String, Long> groupLag = Map.of();
    private long readAtNanos;
    private boolean everRead;

    ClusterMeters(Admin admin, Topics topics, String topicPrefix, Duration refresh, MeterRegistry registry,
                  LongSupplier nanos) {
        this.admin = admin;
        this.topics = topics;
        this.topicPrefix = topicPrefix;
        this.refresh = refresh;
        this.registry = registry;
        this.nanos = nanos;
    }

    /** Registers one gauge per DLQ topic; group gauges appear as groups are seen. */
    void bind() {
        for (String dlq : dlqTopics()) {
            Gauge.builder("barfill.dlq.records", this, m -> m.read().dlqRecords.getOrDefault(dlq, 0L))
                    .tag("topic", dlq).strongReference(true)
                    .description("Records in the dead-letter topic (end offsets): alert on any increase")
                    .register(registry);
        }
        // Reading once here lets the group gauges exist from the first scrape.
        read();
    }

    private List<String> dlqTopics() {
        return List.of(topics.coverageRequestsDlq.name(), topics.chunksDlq.name(), topics.barsDlq.name(),
                topics.chunkEventsDlq.name(), topics.jobCommandsDlq.name());
    }

    private synchronized ClusterMeters read() {
        long now = nanos.getAsLong();
        if (everRead && now - readAtNanos < refresh.toNanos()) {
            return this;
        }
        readAtNanos = now;
        everRead = true;
        try {
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<String, Map<TopicPartition, Long>> byGroup = new HashMap<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, Long> ours = new HashMap<>();
                offsets.forEach((tp, om) -> {
                    if (om != null && tp.topic().startsWith(topicPrefix)) {
                        ours.put(tp, om.offset());
                        committed.put(tp, om.offset());
                    }
                });
                if (!ours.isEmpty()) {
                    byGroup.put(g.groupId(), ours);
                }
            }
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            committed.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
            for (String dlq : dlqTopics()) {
                admin.describeTopics(List.of(dlq)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(dlq).partitions().forEach(p -> wanted.put(new TopicPartition(dlq, p.partition()),
                                OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            Map<TopicPartition, ListOffsetsResultInfo> answer = admin.listOffsets(wanted).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            answer.forEach((tp, info) -> ends.put(tp, info.offset()));
            dlqRecords = sumByTopic(ends, Set.copyOf(dlqTopics()));
            Map<String, Long> lag = new HashMap<>();
            byGroup.forEach((group, offsets) -> lag.put(group, lag(offsets, ends)));
            groupLag = lag;
            lag.keySet().forEach(this::bindGroup);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            registry.counter("barfill.cluster.read.failures").increment();
            LOG.warn("cannot read DLQ sizes and group lag from the cluster: {}", e.toString());
        }
        return this;
    }

    private void bindGroup(String group) {
        if (groupsWithMeters.add(group)) {
            Gauge.builder("barfill.consumer.lag", this, m -> m.read().groupLag.getOrDefault(group, 0L))
                    .tag("group", group).strongReference(true)
                    .description("Records not yet committed by the group on barfill's topics")
                    .register(registry);
        }
    }

    /** Records between each committed offset and its partition's end; a partition without an end counts 0. */
    static long lag(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
            Long end = ends.get(e.getKey());
            if (end != null) {
                total += Math.max(0, end - e.getValue());
            }
        }
        return total;
    }

    /** End offsets summed per topic, for the given topics. */
    static Map<String, Long> sumByTopic(Map<TopicPartition, Long> ends, Set<String> wanted) {
        Map<String, Long> sums = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (wanted.contains(tp.topic())) {
                sums.merge(tp.topic(), end, Long::sum);
            }
        });
        return sums;
    }
}

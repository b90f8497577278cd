package dev.barfill.app.dlq;

import dev.barfill.core.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole DLQ topic, from the start to the end offsets seen when it begins, without a
 * consumer group: listing never moves anyone's offsets.
 */
public final class DlqReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DlqReader() {
    }

    /**
     * The last records of a DLQ and how many it holds.
     *
     * @param records every record between the partitions' earliest and end offsets
     * @param newest  the newest records of the topic, newest first
     */
    public record Tail(long records, List<DlqRecord> newest) {
    }

    public static List<DlqRecord> readAll(KafkaSettings kafka, String topic) {
        return read(kafka, topic, Long.MAX_VALUE).newest();
    }

    /** Reads only the last {@code newest} records of each partition, so a large DLQ costs no more than a small one. */
    public static Tail readNewest(KafkaSettings kafka, String topic, int newest) {
        Tail tail = read(kafka, topic, newest);
        List<DlqRecord> ordered = new ArrayList<>(tail.newest());
        Collections.reverse(ordered);
        // Newest first across partitions; the stable sort keeps each partition's order among equal times.
        ordered.sort(Comparator.comparing(DlqRecord::timestamp).reversed());
        return new Tail(tail.records(), List.copyOf(ordered.subList(0, Math.min(newest, ordered.size()))));
    }

    /** The records from {@code perPartition} before each partition's end, in the order polled, and the count. */
    private static Tail read(KafkaSettings kafka, String topic, long perPartition) {
        Properties p = dev.barfill.core.config.KafkaClients.connection(kafka);
        p.put("client.id", "barfill-dlq");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic + " on " + kafka.bootstrapServers());
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long count = 0;
            for (TopicPartition tp : partitions) {
                count += end.get(tp) - begin.get(tp);
                consumer.seek(tp, end.get(tp) - begin.get(tp) <= perPartition ? begin.get(tp) : end.get(tp) - perPartition);
            }
            List<DlqRecord> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(toDlqRecord(r));
                    }
                }
            }
            return new Tail(count, records);
        }
    }

    private static DlqRecord toDlqRecord(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new DlqRecord(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                headers, r.value());
    }
}

package dev.barfill.core.kafka;

import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a (compacted) topic from its start, without a consumer group, and
 * hands each record to a callback on its own daemon thread: the way a process keeps a local copy
 * of a small table that every instance needs whole. Reads committed records only, so what an
 * exactly-once producer aborted is never seen. A {@code null} value is a tombstone. A value that
 * cannot be decoded is logged and skipped: on a compacted state topic the next record of its key
 * supersedes it, and stopping the reader would freeze the whole table instead. For the same
 * reason a retriable client error (a call that timed out on a slow or restarting broker) is
 * logged and the reading goes on.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<V> values;
    private final String topic;
    private final BiConsumer<String, V> onRecord;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    public CompactedTopicReader(String bootstrapServers, String clientId, Topic<String, V> topic,
                                BiConsumer<String, V> onRecord) {
        this(KafkaSettings.local(bootstrapServers), clientId, topic, onRecord);
    }

    /** A reader on the cluster of {@code kafka}, with its client settings (security, SASL). */
    public CompactedTopicReader(KafkaSettings kafka, String clientId, Topic<String, V> topic,
                                BiConsumer<String, V> onRecord) {
        this(new KafkaConsumer<>(readerProps(kafka, clientId), new StringDeserializer(),
                new ByteArrayDeserializer()), clientId, topic, onRecord);
    }

    private static Properties readerProps(KafkaSettings kafka, String clientId) {
        Properties p = KafkaClients.connection(kafka);
        p.put("client.id", clientId);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        return p;
    }

    CompactedTopicReader(Consumer<String, byte[]> consumer, String clientId, Topic<String, V> topic,
                         BiConsumer<String, V> onRecord) {
        this.consumer = consumer;
        this.values = topic.valueSerde().deserializer();
        this.topic = topic.name();
        this.onRecord = onRecord;
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            Map<TopicPartition, Long> ends = null;
            while (running) {
                // A broker that is slow to answer (just restarted, recovering its logs, a loaded machine)
                // times out a metadata, offset or position call: that is retried. A reader that stopped
                // here would freeze every job at what it had read so far, while the process runs on.
                try {
                    if (ends == null) {
                        ends = assignFromTheStart();
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        accept(r);
                    }
                    if (!caughtUp) {
                        Map<TopicPartition, Long> end = ends;
                        caughtUp = end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    }
                } catch (RetriableException e) {
                    LOG.warn("reader of {}: {}; trying again", topic, e.toString());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("reader of {} stopped unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("reader of {} failed", topic, e);
        } finally {
            consumer.close();
        }
    }

    /** Assigns every partition, from its start; the end offsets at that moment mark "caught up". */
    private Map<TopicPartition, Long> assignFromTheStart() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer.endOffsets(partitions);
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        V value;
        try {
            value = r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
            LOG.warn("reader of {}: skipping undecodable record {} at {}@{}: {}", topic, r.key(), r.partition(),
                    r.offset(), e.getMessage());
            return;
        }
        onRecord.accept(r.key(), value);
    }

    /** True once everything that was in the topic at start has been read, while the reader runs. */
    public boolean caughtUp() {
        return caughtUp && thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}

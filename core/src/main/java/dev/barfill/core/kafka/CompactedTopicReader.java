package dev.barfill.core.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a (compacted) topic from its start, without a consumer group, and
 * hands each record to a callback on its own daemon thread: the way a process keeps a local copy
 * of a small table that every instance needs whole. Reads committed records only, so what an
 * exactly-once producer aborted is never seen. A {@code null} value is a tombstone.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);

    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final BiConsumer<String, V> onRecord;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    public CompactedTopicReader(String bootstrapServers, String clientId, Topic<String, V> topic,
                                BiConsumer<String, V> onRecord) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        this.consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
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
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    onRecord.accept(r.key(), r.value());
                }
                if (!caughtUp) {
                    caughtUp = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
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

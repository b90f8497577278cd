package dev.barfill.api;

import dev.barfill.core.JobProgress;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job-progress table materialised in this process: every partition of the compacted
 * {@code job-progress} topic read from the start, without a consumer group, so every API
 * instance holds every job and can answer for any of them.
 */
public final class JobProgressView implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobProgressView.class);

    private final Map<String, JobProgress> jobs = new ConcurrentHashMap<>();
    private final List<Consumer<JobProgress>> listeners = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, JobProgress> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    public JobProgressView(KafkaSettings kafka) {
        Topics topics = kafka.topics();
        this.topic = topics.jobProgress.name();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("client.id", "barfill-api-jobs");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), topics.jobProgress.valueSerde().deserializer());
        this.thread = new Thread(this::run, "job-progress-view");
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
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, JobProgress> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r.key(), r.value());
                }
                if (!caughtUp) {
                    caughtUp = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("job-progress view stopped unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("job-progress view failed", e);
        } finally {
            consumer.close();
        }
    }

    /** Keeps the newest state of each job; a tombstone removes it. */
    void apply(String jobId, JobProgress progress) {
        if (progress == null) {
            jobs.remove(jobId);
            return;
        }
        jobs.merge(jobId, progress, (old, next) -> next.updatedAt().isBefore(old.updatedAt()) ? old : next);
        for (Consumer<JobProgress> listener : listeners) {
            listener.accept(jobs.get(jobId));
        }
    }

    /**
     * True once the view has read every partition up to its end as of start-up, so it answers
     * for every job that existed then; false again if the reading thread has died.
     */
    public boolean caughtUp() {
        return caughtUp && thread.isAlive();
    }

    public Optional<JobProgress> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Collection<JobProgress> all() {
        return jobs.values();
    }

    /** Called on every change, on the view's thread; keep it short. */
    public void addListener(Consumer<JobProgress> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<JobProgress> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}

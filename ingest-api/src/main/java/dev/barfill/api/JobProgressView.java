package dev.barfill.api;

import dev.barfill.core.JobProgress;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.CompactedTopicReader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The job-progress table materialised in this process: every partition of the compacted
 * {@code job-progress} topic read from the start, without a consumer group, so every API
 * instance holds every job and can answer for any of them.
 */
public final class JobProgressView implements AutoCloseable {
    private final Map<String, JobProgress> jobs = new ConcurrentHashMap<>();
    private final List<Consumer<JobProgress>> listeners = new CopyOnWriteArrayList<>();
    private final CompactedTopicReader<JobProgress> reader;

    public JobProgressView(KafkaSettings kafka) {
        this.reader = new CompactedTopicReader<>(kafka, "barfill-api-jobs",
                kafka.topics().jobProgress, this::apply);
    }

    public void start() {
        reader.start();
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

    /** True once the view holds every job that existed when it started: readiness. */
    public boolean caughtUp() {
        return reader.caughtUp();
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
        reader.close();
    }
}

package dev.barfill.planner;

import dev.barfill.core.JobProgress;
import dev.barfill.planner.plan.JobRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires finished jobs from a wall-clock punctuator: a job finished longer ago than the retention
 * ({@link JobRetention}, judged by the injected clock) is deleted from the job store and tombstoned
 * on {@code job-progress}, so compaction drops it and every API view forgets it; {@code backfill_jobs}
 * keeps its row. The tombstone carries the punctuation's wall-clock timestamp, never the injected
 * clock: that one may be shifted far ahead (CI runs 400 days on) and a broker refuses records
 * stamped far in the future.
 */
final class JobRetirement {
    private static final Logger LOG = LoggerFactory.getLogger(JobRetirement.class);

    private final KeyValueStore<String, JobProgress> jobs;
    private final ProgressOut progress;
    private final Clock clock;
    private final Duration retention;

    JobRetirement(KeyValueStore<String, JobProgress> jobs, ProgressOut progress, Clock clock, Duration retention) {
        this.jobs = jobs;
        this.progress = progress;
        this.clock = clock;
        this.retention = retention;
    }

    /** Retires every expired job of this task's store; {@code timestamp} is the punctuation's. */
    void retire(long timestamp) {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, JobProgress> it = jobs.all()) {
            while (it.hasNext()) {
                KeyValue<String, JobProgress> kv = it.next();
                if (kv.value != null && JobRetention.expired(kv.value, now, retention)) {
                    expired.add(kv.key);
                }
            }
        }
        for (String jobId : expired) {
            progress.retire(jobId, timestamp);
        }
        if (!expired.isEmpty()) {
            LOG.info("retired {} job(s) finished more than {} ago", expired.size(), retention);
        }
    }
}

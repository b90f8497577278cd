package dev.barfill.sink;

import dev.barfill.core.config.KafkaSettings;
import dev.barfill.sink.write.WriteMode;
import java.time.Duration;

/**
 * Settings of the sink role. A batch (one transaction) closes at {@code maxBatchRows} bars or
 * {@code maxBatchDelay} after its first day arrived, whichever comes first.
 *
 * @param groupId        consumer group of the bars consumer ({@code barfill-sink})
 * @param maxPollRecords days per poll (default 200); batches span several polls
 * @param maxBatchRows   bars per transaction, soft bound: a batch closes once it reaches it (default 50 000)
 * @param maxBatchDelay  longest a day waits for more to join its batch (default 50 ms: under load a poll fills the batch anyway)
 * @param writeMode      how bars reach the table (default {@link WriteMode#COPY})
 * @param migrateOnStart run the Flyway migrations at start (default true; false on locked-down databases)
 * @param minBackoff     first wait after a retryable database error (default 200 ms), doubled per failure
 * @param maxBackoff     longest wait between retries (default 10 s)
 * @param jobsGroupId    consumer group of the {@code backfill_jobs} mirror ({@code barfill-sink-jobs})
 */
public record SinkConfig(KafkaSettings kafka, String groupId, int maxPollRecords, int maxBatchRows,
                         Duration maxBatchDelay, WriteMode writeMode, boolean migrateOnStart,
                         Duration minBackoff, Duration maxBackoff, String jobsGroupId) {
    public static final int DEFAULT_MAX_BATCH_ROWS = 50_000;

    public SinkConfig {
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("sink.max-batch-days must be at least 1, got " + maxPollRecords);
        }
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("sink.max-batch-rows must be at least 1, got " + maxBatchRows);
        }
        if (maxBatchDelay == null || maxBatchDelay.isNegative()) {
            throw new IllegalArgumentException("sink.max-batch-delay must be zero or more, got " + maxBatchDelay);
        }
        if (writeMode == null) {
            throw new IllegalArgumentException("sink.write-mode is required (copy or multi-row)");
        }
        if (minBackoff == null || minBackoff.isZero() || minBackoff.isNegative()) {
            throw new IllegalArgumentException("sink.min-backoff must be positive, got " + minBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("sink.max-backoff must be at least sink.min-backoff, got " + maxBackoff);
        }
    }

    /** The defaults, with {@code maxPollRecords} days per poll. */
    public SinkConfig(KafkaSettings kafka, String groupId, int maxPollRecords) {
        this(kafka, groupId, maxPollRecords, DEFAULT_MAX_BATCH_ROWS, Duration.ofMillis(50), WriteMode.COPY, true,
                Duration.ofMillis(200), Duration.ofSeconds(10), "barfill-sink-jobs");
    }

    public static SinkConfig defaults(KafkaSettings kafka) {
        return new SinkConfig(kafka, "barfill-sink", 200);
    }

    public SinkConfig withWriteMode(WriteMode mode) {
        return new SinkConfig(kafka, groupId, maxPollRecords, maxBatchRows, maxBatchDelay, mode, migrateOnStart,
                minBackoff, maxBackoff, jobsGroupId);
    }

    public SinkConfig withBackoff(Duration min, Duration max) {
        return new SinkConfig(kafka, groupId, maxPollRecords, maxBatchRows, maxBatchDelay, writeMode, migrateOnStart,
                min, max, jobsGroupId);
    }

    public SinkConfig withMigrateOnStart(boolean migrate) {
        return new SinkConfig(kafka, groupId, maxPollRecords, maxBatchRows, maxBatchDelay, writeMode, migrate,
                minBackoff, maxBackoff, jobsGroupId);
    }
}

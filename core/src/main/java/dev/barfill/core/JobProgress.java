package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The state of one backfill job, keyed by job id on the compacted {@code job-progress} topic.
 *
 * <p>Counts are of trading days: {@code totalDays = coveredDays + doneDays + failedDays +
 * pendingDays.size()}, where covered days were already stored when the job was planned. A day
 * leaves {@code pendingDays} exactly once, which is what keeps progress exact under duplicated
 * and replayed events.
 *
 * @param progress percent of days settled, 0-100
 * @param lastErrors the most recent failure reasons, newest last, at most a few
 */
public record JobProgress(
        String jobId,
        String symbol,
        Timeframe timeframe,
        LocalDate from,
        LocalDate to,
        int totalDays,
        int coveredDays,
        int doneDays,
        int failedDays,
        List<LocalDate> pendingDays,
        JobStatus status,
        int progress,
        long barsWritten,
        Instant createdAt,
        Instant updatedAt,
        List<String> lastErrors) {

    public JobProgress {
        pendingDays = pendingDays == null ? List.of() : List.copyOf(pendingDays);
        lastErrors = lastErrors == null ? List.of() : List.copyOf(lastErrors);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }
}

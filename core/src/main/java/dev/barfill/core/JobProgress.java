package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The state of one backfill job, keyed by job id on the compacted {@code job-progress} topic.
 *
 * <p>Counts are of trading days: {@code totalDays = coveredDays + doneDays + failedDays +
 * unavailableDays + pendingDays.size()}, where covered days were already stored when the job was
 * planned. A day leaves {@code pendingDays} exactly once, which is what keeps progress exact
 * under duplicated and replayed events.
 *
 * @param progress percent of days settled, 0-100; unavailable days count as settled
 * @param unavailableDays days older than the provider's history for the timeframe: never planned
 * @param unavailableDates those days, in date order
 * @param expectedBars bars the window holds once complete, unavailable days left out (26 for a
 *                     full 15m session, 14 for an early close); compare with {@code barsWritten}
 * @param lastErrors the most recent failure reasons, newest last, at most a few
 * @param failedDates the days counted in {@code failedDays}, in date order: a day stored later (a
 *                    replayed dead letter) moves from here to {@code doneDays} once. Empty in
 *                    records written before it existed
 * @param retrying   days still pending whose fetch is being retried or held, newest attempt of each,
 *                   in date order, at most {@link #MAX_RETRYING}; never counted as settled
 * @param trippedProviders providers whose circuit breaker held a pending day of this job, as the
 *                   fetcher last reported, at most a few
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
        List<String> lastErrors,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int unavailableDays,
        List<LocalDate> unavailableDates,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long expectedBars,
        List<LocalDate> failedDates,
        List<RetryingDay> retrying,
        List<String> trippedProviders) {

    /** How many retrying days a job record keeps, so a long window held by a tripped provider stays small. */
    public static final int MAX_RETRYING = 25;

    @JsonCreator
    public JobProgress {
        pendingDays = pendingDays == null ? List.of() : List.copyOf(pendingDays);
        lastErrors = lastErrors == null ? List.of() : List.copyOf(lastErrors);
        unavailableDates = unavailableDates == null ? List.of() : List.copyOf(unavailableDates);
        failedDates = failedDates == null ? List.of() : List.copyOf(failedDates);
        retrying = retrying == null ? List.of() : List.copyOf(retrying);
        trippedProviders = trippedProviders == null ? List.of() : List.copyOf(trippedProviders);
    }

    /** A job that knows no failed date, retrying day or tripped provider, as before those were kept. */
    public JobProgress(String jobId, String symbol, Timeframe timeframe, LocalDate from, LocalDate to, int totalDays,
                       int coveredDays, int doneDays, int failedDays, List<LocalDate> pendingDays, JobStatus status,
                       int progress, long barsWritten, Instant createdAt, Instant updatedAt, List<String> lastErrors,
                       int unavailableDays, List<LocalDate> unavailableDates, long expectedBars) {
        this(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays, pendingDays, status,
                progress, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays, unavailableDates,
                expectedBars, List.of(), List.of(), List.of());
    }

    /** A job with no unavailable day, as before history limits were known. */
    public JobProgress(String jobId, String symbol, Timeframe timeframe, LocalDate from, LocalDate to, int totalDays,
                       int coveredDays, int doneDays, int failedDays, List<LocalDate> pendingDays, JobStatus status,
                       int progress, long barsWritten, Instant createdAt, Instant updatedAt, List<String> lastErrors) {
        this(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays, pendingDays, status,
                progress, barsWritten, createdAt, updatedAt, lastErrors, 0, List.of(), 0);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }
}

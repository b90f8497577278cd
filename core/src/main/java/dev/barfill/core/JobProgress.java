package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The state of one backfill job, keyed by job id on the compacted {@code job-progress} topic.
 *
 * <p>Counts are of trading days: {@code totalDays = coveredDays + doneDays + failedDays +
 * unavailableDays + pendingDays.size()}, where covered days were already stored when the job was
 * planned. A day leaves {@code pendingDays} exactly once, which is what keeps progress exact
 * under duplicated and replayed events. Jobs are built with {@link #of} and the withers.
 *
 * @param progress percent of days settled, 0-100; unavailable days count as settled
 * @param unavailableDays days older than the provider's history for the timeframe: never planned
 * @param unavailableDates those days, in date order
 * @param expectedBars bars the window holds once complete, unavailable days left out (26 for a
 *                     full 15m session, 14 for an early close); compare with {@code barsWritten}
 * @param lastErrors the most recent failure reasons, newest last, at most a few
 * @param sparseDays days of the window that settled with fewer bars than their session holds
 *                   (intervals with no trade): final, not errors; covered ones and written ones
 * @param sparseDates those days, in date order
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
        @JsonSetter(nulls = Nulls.AS_EMPTY) int sparseDays,
        List<LocalDate> sparseDates,
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
        sparseDates = sparseDates == null ? List.of() : List.copyOf(sparseDates);
        failedDates = failedDates == null ? List.of() : List.copyOf(failedDates);
        retrying = retrying == null ? List.of() : List.copyOf(retrying);
        trippedProviders = trippedProviders == null ? List.of() : List.copyOf(trippedProviders);
    }

    /**
     * A job of no days yet, {@code PLANNED}, created and updated at {@code createdAt}: the start of a
     * chain of withers.
     */
    public static JobProgress of(String jobId, String symbol, Timeframe timeframe, LocalDate from, LocalDate to,
                                 Instant createdAt) {
        return new JobProgress(jobId, symbol, timeframe, from, to, 0, 0, 0, 0, List.of(), JobStatus.PLANNED, 0, 0,
                createdAt, createdAt, List.of(), 0, List.of(), 0, 0, List.of(), List.of(), List.of(), List.of());
    }

    /** The same job with these day counts. */
    public JobProgress withDays(int newTotalDays, int newCoveredDays, int newDoneDays, int newFailedDays) {
        return edit(b -> {
            b.totalDays = newTotalDays;
            b.coveredDays = newCoveredDays;
            b.doneDays = newDoneDays;
            b.failedDays = newFailedDays;
        });
    }

    public JobProgress withPendingDays(List<LocalDate> days) {
        return edit(b -> b.pendingDays = days);
    }

    public JobProgress withStatus(JobStatus newStatus) {
        return edit(b -> b.status = newStatus);
    }

    public JobProgress withProgress(int percent) {
        return edit(b -> b.progress = percent);
    }

    public JobProgress withBarsWritten(long bars) {
        return edit(b -> b.barsWritten = bars);
    }

    public JobProgress withUpdatedAt(Instant at) {
        return edit(b -> b.updatedAt = at);
    }

    public JobProgress withLastErrors(List<String> errors) {
        return edit(b -> b.lastErrors = errors);
    }

    /** The same job with these unavailable days; {@code unavailableDays} is their count. */
    public JobProgress withUnavailableDates(List<LocalDate> dates) {
        return edit(b -> {
            b.unavailableDates = dates;
            b.unavailableDays = dates.size();
        });
    }

    /** The same job with these sparse days, sorted and counted. */
    public JobProgress withSparseDates(List<LocalDate> dates) {
        List<LocalDate> sorted = dates.stream().distinct().sorted().toList();
        return edit(b -> {
            b.sparseDates = sorted;
            b.sparseDays = sorted.size();
        });
    }

    public JobProgress withExpectedBars(long bars) {
        return edit(b -> b.expectedBars = bars);
    }

    /** The same job with these failed days (the count is set by {@link #withDays}). */
    public JobProgress withFailedDates(List<LocalDate> dates) {
        return edit(b -> b.failedDates = dates);
    }

    /** The same job with these retrying days and the providers they name as tripped. */
    public JobProgress withRetrying(List<RetryingDay> days, List<String> tripped) {
        return edit(b -> {
            b.retrying = days;
            b.trippedProviders = tripped;
        });
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    private JobProgress edit(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** A mutable copy of a job, so each wither names only what it changes. */
    private static final class Copy {
        private final String jobId;
        private final String symbol;
        private final Timeframe timeframe;
        private final LocalDate from;
        private final LocalDate to;
        private int totalDays;
        private int coveredDays;
        private int doneDays;
        private int failedDays;
        private List<LocalDate> pendingDays;
        private JobStatus status;
        private int progress;
        private long barsWritten;
        private final Instant createdAt;
        private Instant updatedAt;
        private List<String> lastErrors;
        private int unavailableDays;
        private List<LocalDate> unavailableDates;
        private long expectedBars;
        private int sparseDays;
        private List<LocalDate> sparseDates;
        private List<LocalDate> failedDates;
        private List<RetryingDay> retrying;
        private List<String> trippedProviders;

        private Copy(JobProgress j) {
            jobId = j.jobId;
            symbol = j.symbol;
            timeframe = j.timeframe;
            from = j.from;
            to = j.to;
            totalDays = j.totalDays;
            coveredDays = j.coveredDays;
            doneDays = j.doneDays;
            failedDays = j.failedDays;
            pendingDays = j.pendingDays;
            status = j.status;
            progress = j.progress;
            barsWritten = j.barsWritten;
            createdAt = j.createdAt;
            updatedAt = j.updatedAt;
            lastErrors = j.lastErrors;
            unavailableDays = j.unavailableDays;
            unavailableDates = j.unavailableDates;
            expectedBars = j.expectedBars;
            sparseDays = j.sparseDays;
            sparseDates = j.sparseDates;
            failedDates = j.failedDates;
            retrying = j.retrying;
            trippedProviders = j.trippedProviders;
        }

        private JobProgress build() {
            return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                    pendingDays, status, progress, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays,
                    unavailableDates, expectedBars, sparseDays, sparseDates, failedDates, retrying, trippedProviders);
        }
    }
}

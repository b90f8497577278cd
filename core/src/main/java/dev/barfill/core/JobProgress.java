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
 * @param sparseDays days of the window that settled with fewer bars than their session holds
 *                   (intervals with no trade): final, not errors; covered ones and written ones
 * @param sparseDates those days, in date order
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
        List<LocalDate> sparseDates) {

    @JsonCreator
    public JobProgress {
        pendingDays = pendingDays == null ? List.of() : List.copyOf(pendingDays);
        lastErrors = lastErrors == null ? List.of() : List.copyOf(lastErrors);
        unavailableDates = unavailableDates == null ? List.of() : List.copyOf(unavailableDates);
        sparseDates = sparseDates == null ? List.of() : List.copyOf(sparseDates);
    }

    /**
     * A job of no days yet, {@code PLANNED}, created and updated at {@code createdAt}: the start of a
     * chain of withers.
     */
    public static JobProgress of(String jobId, String symbol, Timeframe timeframe, LocalDate from, LocalDate to,
                                 Instant createdAt) {
        return new JobProgress(jobId, symbol, timeframe, from, to, 0, 0, 0, 0, List.of(), JobStatus.PLANNED, 0, 0,
                createdAt, createdAt, List.of(), 0, List.of(), 0, 0, List.of());
    }

    /** The same job with these day counts. */
    public JobProgress withDays(int newTotalDays, int newCoveredDays, int newDoneDays, int newFailedDays) {
        return new JobProgress(jobId, symbol, timeframe, from, to, newTotalDays, newCoveredDays, newDoneDays,
                newFailedDays, pendingDays, status, progress, barsWritten, createdAt, updatedAt, lastErrors,
                unavailableDays, unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    public JobProgress withPendingDays(List<LocalDate> days) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                days, status, progress, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays,
                unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    public JobProgress withStatus(JobStatus newStatus) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, newStatus, progress, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays,
                unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    public JobProgress withProgress(int percent) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, percent, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays,
                unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    public JobProgress withBarsWritten(long bars) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, progress, bars, createdAt, updatedAt, lastErrors, unavailableDays,
                unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    public JobProgress withUpdatedAt(Instant at) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, progress, barsWritten, createdAt, at, lastErrors, unavailableDays,
                unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    public JobProgress withLastErrors(List<String> errors) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, progress, barsWritten, createdAt, updatedAt, errors, unavailableDays,
                unavailableDates, expectedBars, sparseDays, sparseDates);
    }

    /** The same job with these unavailable days; {@code unavailableDays} is their count. */
    public JobProgress withUnavailableDates(List<LocalDate> dates) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, progress, barsWritten, createdAt, updatedAt, lastErrors, dates.size(), dates,
                expectedBars, sparseDays, sparseDates);
    }

    /** The same job with these sparse days, sorted and counted. */
    public JobProgress withSparseDates(List<LocalDate> dates) {
        List<LocalDate> sorted = dates.stream().distinct().sorted().toList();
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, progress, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays,
                unavailableDates, expectedBars, sorted.size(), sorted);
    }

    public JobProgress withExpectedBars(long bars) {
        return new JobProgress(jobId, symbol, timeframe, from, to, totalDays, coveredDays, doneDays, failedDays,
                pendingDays, status, progress, barsWritten, createdAt, updatedAt, lastErrors, unavailableDays,
                unavailableDates, bars, sparseDays, sparseDates);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }
}

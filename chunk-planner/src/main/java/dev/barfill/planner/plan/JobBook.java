package dev.barfill.planner.plan;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.RetryingDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Job progress arithmetic. A day counts once: an event for a day the job no longer waits for
 * (a duplicate, a replay, a late event after cancellation) leaves the job unchanged. Unavailable
 * days count as settled for the percentage but never as failures: a job whose other days are
 * all written ends {@code DONE}. A sparse day (settled short of bars) is no failure either: it is
 * counted among the sparse days, covered or written.
 */
public final class JobBook {
    /** How many failure reasons a job keeps: enough to diagnose, small enough for a record. */
    static final int MAX_ERRORS = 5;

    private JobBook() {
    }

    public static JobProgress open(CoverageWindow window, DayPlan plan, Instant now) {
        List<LocalDate> pending = pending(plan);
        JobStatus status = pending.isEmpty() ? JobStatus.DONE : JobStatus.PLANNED;
        return JobProgress.of(window.jobId(), window.series().symbol().value(), window.series().timeframe(),
                        window.from(), window.to(), now)
                .withDays(plan.totalDays(), plan.covered().size(), 0, 0)
                .withPendingDays(pending)
                .withStatus(status)
                .withProgress(percent(plan.totalDays(), pending.size()))
                .withUnavailableDates(plan.unavailable())
                .withExpectedBars(plan.expectedBars())
                .withSparseDates(plan.sparse());
    }

    /**
     * A finished job asked for again, planned afresh against today's coverage: its days stored
     * since count as covered, what is missing is pending again and the job is {@code RUNNING}
     * (or {@code DONE} at once when nothing is missing). Id, creation time, bars written and the
     * last errors are kept.
     */
    public static JobProgress reopen(JobProgress job, DayPlan plan, Instant now) {
        List<LocalDate> pending = pending(plan);
        JobStatus status = pending.isEmpty() ? JobStatus.DONE : JobStatus.RUNNING;
        return job.withDays(plan.totalDays(), plan.covered().size(), 0, 0)
                .withPendingDays(pending)
                .withStatus(status)
                .withProgress(percent(plan.totalDays(), pending.size()))
                .withUpdatedAt(now)
                .withUnavailableDates(plan.unavailable())
                .withExpectedBars(plan.expectedBars())
                .withSparseDates(plan.sparse())
                .withFailedDates(List.of())
                .withRetrying(List.of(), List.of());
    }

    /** The job stops waiting: {@code CANCELLED}, its counts as they were. A finished job is returned as is. */
    public static JobProgress cancel(JobProgress job, Instant now) {
        if (job.status().finished()) {
            return job;
        }
        return job.withStatus(JobStatus.CANCELLED).withUpdatedAt(now).withRetrying(List.of(), List.of());
    }

    /**
     * Notes that a pending day of the job waits in a retry tier ({@code RETRYING}): its counts,
     * pending days and status stay as they are. Returns {@code job} itself when the job is finished,
     * the day not pending, or the report already noted or older than the one kept.
     */
    public static JobProgress retrying(JobProgress job, ChunkEvent event, Instant now) {
        if (job.status().finished() || !job.pendingDays().contains(event.day())) {
            return job;
        }
        RetryingDay report = new RetryingDay(event.day(), event.attempt(), event.provider(), event.reason(),
                event.tripped(), event.at());
        List<RetryingDay> retrying = RetryingDays.noted(job.retrying(), report);
        if (retrying == job.retrying()) {
            return job;
        }
        return job.withRetrying(retrying, RetryingDays.tripped(retrying)).withUpdatedAt(now);
    }

    /** Applies the outcome of one day; returns {@code job} itself when the day is not pending. */
    public static JobProgress settle(JobProgress job, ChunkEvent event, Instant now) {
        if (!event.type().settles() || job.status().finished() || !job.pendingDays().contains(event.day())) {
            return job;
        }
        List<LocalDate> pending = new ArrayList<>(job.pendingDays());
        pending.remove(event.day());
        boolean written = event.type() == ChunkEventType.WRITTEN;
        int done = job.doneDays() + (written ? 1 : 0);
        int failed = job.failedDays() + (written ? 0 : 1);
        List<String> errors = job.lastErrors();
        if (!written) {
            errors = new ArrayList<>(errors);
            errors.add(event.day() + ": " + (event.reason() == null ? event.type().name() : event.reason()));
            errors = errors.subList(Math.max(0, errors.size() - MAX_ERRORS), errors.size());
        }
        JobStatus status = pending.isEmpty()
                ? (failed > 0 ? JobStatus.DONE_WITH_ERRORS : JobStatus.DONE)
                : JobStatus.RUNNING;
        List<LocalDate> failedDates = job.failedDates();
        if (!written) {
            TreeSet<LocalDate> dates = new TreeSet<>(failedDates);
            dates.add(event.day());
            failedDates = new ArrayList<>(dates);
        }
        List<RetryingDay> retrying = RetryingDays.without(job.retrying(), event.day());
        return job.withDays(job.totalDays(), job.coveredDays(), done, failed)
                .withPendingDays(pending)
                .withStatus(status)
                .withProgress(percent(job.totalDays(), pending.size()))
                .withBarsWritten(job.barsWritten() + (written ? event.barCount() : 0))
                .withUpdatedAt(now)
                .withLastErrors(errors)
                .withSparseDates(event.sparse() ? added(job.sparseDates(), event.day()) : job.sparseDates())
                .withFailedDates(failedDates)
                .withRetrying(retrying, RetryingDays.tripped(retrying));
    }

    /**
     * A day the job had settled as failed was stored after all (its dead-lettered chunk was
     * replayed): it moves from failed to done, its bars count, its errors go, and a job with no
     * failure left and nothing pending is {@code DONE}. Returns {@code job} itself unless the event
     * is {@code WRITTEN} for one of its {@link JobProgress#failedDates()}, so a duplicated or
     * replayed event counts once. A cancelled job stays as it was cancelled.
     */
    public static JobProgress recover(JobProgress job, ChunkEvent event, Instant now) {
        if (event.type() != ChunkEventType.WRITTEN || job.status() == JobStatus.CANCELLED
                || !job.failedDates().contains(event.day())) {
            return job;
        }
        List<LocalDate> failedDates = new ArrayList<>(job.failedDates());
        failedDates.remove(event.day());
        int failed = Math.max(0, job.failedDays() - 1);
        JobStatus status = !job.pendingDays().isEmpty() ? job.status()
                : failed > 0 ? JobStatus.DONE_WITH_ERRORS : JobStatus.DONE;
        String prefix = event.day() + ": ";
        List<String> errors = job.lastErrors().stream().filter(e -> !e.startsWith(prefix)).toList();
        return job.withDays(job.totalDays(), job.coveredDays(), job.doneDays() + 1, failed)
                .withStatus(status)
                .withBarsWritten(job.barsWritten() + event.barCount())
                .withUpdatedAt(now)
                .withLastErrors(errors)
                .withSparseDates(event.sparse() ? added(job.sparseDates(), event.day()) : job.sparseDates())
                .withFailedDates(failedDates);
    }

    /** Whole percent of settled days, rounded down so that 100 means every day settled. */
    static int percent(int total, int pending) {
        if (total == 0) {
            return 100;
        }
        return (int) ((long) (total - pending) * 100 / total);
    }

    private static List<LocalDate> added(List<LocalDate> days, LocalDate day) {
        List<LocalDate> more = new ArrayList<>(days);
        more.add(day);
        return more;
    }

    private static List<LocalDate> pending(DayPlan plan) {
        TreeSet<LocalDate> days = new TreeSet<>(plan.joined());
        days.addAll(plan.toFetch());
        return new ArrayList<>(days);
    }
}

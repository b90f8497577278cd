package dev.barfill.api.days;

import dev.barfill.core.JobProgress;
import dev.barfill.core.RetryingDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Day states from the two places that know them: {@code bar_coverage} says which days are stored
 * (and how full they are), the compacted job-progress records say which days are pending, which
 * are unavailable and which job settled a day without bars. Nothing else is needed, so the job
 * record stays small: a failed day is one of the job's {@code failedDates} (in records written before
 * those were kept, a day its job settled that is neither stored, pending nor unavailable), its reason
 * one of the job's last errors when still kept; a pending day the job reports retrying is
 * {@code RETRYING} with its attempt and reason. Pure.
 */
public final class DayStates {
    private DayStates() {
    }

    /**
     * The days of one job's window as the job page shows them: stored days are {@code DONE} when
     * written since the job was created, else {@code COVERED}, or {@code SPARSE} when settled short
     * of bars, or {@code IN_FLIGHT} with their bars so far when not final yet (neither complete nor
     * settled); a pending day is {@code IN_FLIGHT} while the job runs and {@code MISSING} once it
     * was cancelled.
     *
     * @param sessions the trading days of the job's window, in order
     */
    public static DayGrid ofJob(List<LocalDate> sessions, Map<LocalDate, StoredDay> stored, JobProgress job) {
        Set<LocalDate> pending = new HashSet<>(job.pendingDays());
        Set<LocalDate> unavailable = new HashSet<>(job.unavailableDates());
        Set<LocalDate> failed = new HashSet<>(job.failedDates());
        Map<LocalDate, RetryingDay> retrying = new HashMap<>();
        job.retrying().forEach(r -> retrying.put(r.day(), r));
        boolean running = !job.status().finished();
        List<DayStatus> days = new ArrayList<>(sessions.size());
        for (LocalDate day : sessions) {
            StoredDay row = stored.get(day);
            if (row != null) {
                boolean sinceJob = job.createdAt() != null && !row.updatedAt().isBefore(job.createdAt());
                days.add(DayStatus.stored(row, storedState(row, sinceJob ? DayState.DONE : DayState.COVERED)));
            } else if (unavailable.contains(day)) {
                days.add(DayStatus.of(day, DayState.UNAVAILABLE));
            } else if (pending.contains(day) && running && retrying.containsKey(day)) {
                RetryingDay r = retrying.get(day);
                days.add(new DayStatus(day, DayState.RETRYING, 0, 0, r.provider(), r.reason(), r.attempt()));
            } else if (pending.contains(day)) {
                days.add(DayStatus.of(day, running ? DayState.IN_FLIGHT : DayState.MISSING));
            } else if (failed.isEmpty() ? job.failedDays() > 0 : failed.contains(day)) {
                days.add(new DayStatus(day, DayState.FAILED, 0, 0, null, errorOf(job, day)));
            } else {
                days.add(DayStatus.of(day, DayState.MISSING));
            }
        }
        return DayGrid.of(days);
    }

    /**
     * The days of a window of a series as a chart needs them: stored and final ({@code COVERED} or,
     * settled short of bars, {@code SPARSE}), {@code IN_FLIGHT} when stored in part and not final
     * yet or when a running job of the series waits for the day,
     * {@code UNAVAILABLE} when a job found it beyond the provider's history, else {@code MISSING}.
     *
     * @param jobs the jobs of this series (others are ignored)
     */
    public static DayGrid ofSeries(List<LocalDate> sessions, Map<LocalDate, StoredDay> stored,
                                   Collection<JobProgress> jobs) {
        Set<LocalDate> inFlight = new HashSet<>();
        Set<LocalDate> unavailable = new HashSet<>();
        for (JobProgress job : jobs) {
            if (!job.status().finished()) {
                inFlight.addAll(job.pendingDays());
            }
            unavailable.addAll(job.unavailableDates());
        }
        List<DayStatus> days = new ArrayList<>(sessions.size());
        for (LocalDate day : sessions) {
            StoredDay row = stored.get(day);
            if (row != null) {
                days.add(DayStatus.stored(row, storedState(row, DayState.COVERED)));
            } else if (inFlight.contains(day)) {
                days.add(DayStatus.of(day, DayState.IN_FLIGHT));
            } else if (unavailable.contains(day)) {
                days.add(DayStatus.of(day, DayState.UNAVAILABLE));
            } else {
                days.add(DayStatus.of(day, DayState.MISSING));
            }
        }
        return DayGrid.of(days);
    }

    /**
     * A stored day that is not final yet (today's session, open or within the settle delay) is
     * {@code IN_FLIGHT} with its bars so far: it gains bars when asked again, so calling it sparse
     * would call a trading day thin before it has ended. {@code SPARSE} is for a settled short day.
     */
    private static DayState storedState(StoredDay row, DayState whole) {
        if (!row.covered()) {
            return DayState.IN_FLIGHT;
        }
        return row.settledSparse() ? DayState.SPARSE : whole;
    }

    /** The newest kept reason of the job's that names {@code day} ("2026-11-03: ..."), or null. */
    static String errorOf(JobProgress job, LocalDate day) {
        String prefix = day + ": ";
        List<String> errors = job.lastErrors();
        for (int i = errors.size() - 1; i >= 0; i--) {
            if (errors.get(i).startsWith(prefix)) {
                return errors.get(i).substring(prefix.length());
            }
        }
        return null;
    }
}

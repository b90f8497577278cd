package dev.barfill.planner.plan;

import dev.barfill.core.JobProgress;
import dev.barfill.core.RetryingDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The retrying days a job record keeps: one entry per day (its newest report), in date order, at
 * most {@link JobProgress#MAX_RETRYING} (the most recently reported win), so a long window held
 * by a tripped provider keeps the record small. Pure.
 */
final class RetryingDays {
    /** How many tripped providers a job names: a route has a few providers at most. */
    static final int MAX_TRIPPED = 5;

    private RetryingDays() {
    }

    /**
     * {@code days} with {@code report} in place of the day's entry; {@code days} itself when the
     * report is already there or older than the entry kept (a duplicated or late event).
     */
    static List<RetryingDay> noted(List<RetryingDay> days, RetryingDay report) {
        RetryingDay kept = days.stream().filter(d -> d.day().equals(report.day())).findFirst().orElse(null);
        if (report.equals(kept) || kept != null && kept.at() != null && report.at() != null
                && (report.at().isBefore(kept.at()) || report.attempt() < kept.attempt())) {
            return days;
        }
        List<RetryingDay> next = new ArrayList<>(without(days, report.day()));
        next.add(report);
        if (next.size() > JobProgress.MAX_RETRYING) {
            next.sort(Comparator.comparing(RetryingDay::at, Comparator.nullsFirst(Comparator.naturalOrder())));
            next = next.subList(next.size() - JobProgress.MAX_RETRYING, next.size());
        }
        return next.stream().sorted(Comparator.comparing(RetryingDay::day)).toList();
    }

    /** {@code days} without the entry of {@code day}: it settled. */
    static List<RetryingDay> without(List<RetryingDay> days, LocalDate day) {
        return days.stream().filter(d -> !d.day().equals(day)).toList();
    }

    /** The tripped providers that hold the days, in order of first mention. */
    static List<String> tripped(List<RetryingDay> days) {
        return days.stream().map(RetryingDay::tripped).filter(Objects::nonNull).distinct().limit(MAX_TRIPPED).toList();
    }
}

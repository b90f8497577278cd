package dev.barfill.planner.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * How one job's window splits: days already stored, days another job already has in flight
 * (this job joins them), days to fetch now, and days the provider cannot serve (older than its
 * history for the timeframe, or not opened yet). Every trading day of the window is in exactly
 * one of the four lists.
 *
 * @param expectedBars bars the covered, joined and to-fetch days hold when complete
 * @param sparse       the covered days that settled with fewer bars than their session holds
 */
public record DayPlan(List<LocalDate> covered, List<LocalDate> joined, List<LocalDate> toFetch,
                      List<LocalDate> unavailable, long expectedBars, List<LocalDate> sparse) {

    public DayPlan {
        covered = List.copyOf(covered);
        joined = List.copyOf(joined);
        toFetch = List.copyOf(toFetch);
        unavailable = List.copyOf(unavailable);
        sparse = List.copyOf(sparse);
    }

    public int totalDays() {
        return covered.size() + joined.size() + toFetch.size() + unavailable.size();
    }

    /** The days the job waits for: joined and to fetch. */
    public int pendingCount() {
        return joined.size() + toFetch.size();
    }
}

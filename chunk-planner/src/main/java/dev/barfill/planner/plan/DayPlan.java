package dev.barfill.planner.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * How one job's window splits: days already stored, days another job already has in flight
 * (this job joins them), and days to fetch now. Every trading day of the window is in exactly
 * one of the three lists.
 */
public record DayPlan(List<LocalDate> covered, List<LocalDate> joined, List<LocalDate> toFetch) {

    public DayPlan {
        covered = List.copyOf(covered);
        joined = List.copyOf(joined);
        toFetch = List.copyOf(toFetch);
    }

    public int totalDays() {
        return covered.size() + joined.size() + toFetch.size();
    }
}

package dev.barfill.planner.plan;

import dev.barfill.core.Series;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Which days of a series are already stored, and how: the truth the planner plans against. */
public interface CoverageLookup {

    /** The complete days of {@code series} between {@code from} and {@code to}, both inclusive. */
    Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to);

    /**
     * Every stored day of {@code series} between {@code from} and {@code to}, by day. By default
     * the complete days only, known as nothing more than complete.
     */
    default Map<LocalDate, DayCoverage> storedDays(Series series, LocalDate from, LocalDate to) {
        Map<LocalDate, DayCoverage> days = new TreeMap<>();
        for (LocalDate day : completeDays(series, from, to)) {
            days.put(day, DayCoverage.completeDay(day));
        }
        return days;
    }
}

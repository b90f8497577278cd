package dev.barfill.planner.plan;

import dev.barfill.core.Series;
import java.time.LocalDate;
import java.util.Set;

/** Which days of a series are already stored complete: the truth the planner plans against. */
public interface CoverageLookup {

    /** The complete days of {@code series} between {@code from} and {@code to}, both inclusive. */
    Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to);
}

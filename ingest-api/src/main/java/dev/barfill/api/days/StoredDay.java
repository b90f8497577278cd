package dev.barfill.api.days;

import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code bar_coverage}: a trading day with bars stored. */
public record StoredDay(LocalDate day, int barCount, int expectedBars, boolean complete, String provider,
                        Instant updatedAt) {

    /** Stored with fewer bars than expected, or not marked complete. */
    public boolean sparse() {
        return !complete || barCount < expectedBars;
    }
}

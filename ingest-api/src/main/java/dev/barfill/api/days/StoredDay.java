package dev.barfill.api.days;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of {@code bar_coverage}: a trading day with bars stored.
 *
 * @param settled fetched after its close plus the settle delay: final, whatever bars it has
 */
public record StoredDay(LocalDate day, int barCount, int expectedBars, boolean complete, String provider,
                        Instant updatedAt, boolean settled) {

    /** A day not known to be settled. */
    public StoredDay(LocalDate day, int barCount, int expectedBars, boolean complete, String provider,
                     Instant updatedAt) {
        this(day, barCount, expectedBars, complete, provider, updatedAt, false);
    }

    /** Final: complete, or settled with whatever the provider had. Covered days are not fetched again. */
    public boolean covered() {
        return complete || settled;
    }

    /** Settled with fewer bars than its session holds: intervals with no trade, final. */
    public boolean settledSparse() {
        return settled && barCount < expectedBars;
    }
}

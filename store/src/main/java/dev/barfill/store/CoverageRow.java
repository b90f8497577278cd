package dev.barfill.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of {@code bar_coverage}: a trading day with bars stored.
 *
 * @param settled   fetched after its close plus the settle delay: final, whatever bars it has
 * @param fetchedAt when the provider answered; null for days stored before it was kept (V4)
 */
public record CoverageRow(LocalDate day, int barCount, int expectedBars, boolean complete, boolean settled,
                          String provider, Instant updatedAt, Instant fetchedAt) {

    /** Final: complete, or settled with whatever the provider had. Covered days are not fetched again. */
    public boolean covered() {
        return complete || settled;
    }
}

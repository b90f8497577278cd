package dev.barfill.planner.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What is stored of one day of a series, as the planner plans against it.
 *
 * @param complete  the session closed and every expected bar is stored
 * @param settled   the day was fetched after its close plus the fetcher's settle delay: final even
 *                  when bars are missing
 * @param fetchedAt when the stored bars were fetched; null when unknown (then never fresh)
 */
public record DayCoverage(LocalDate day, boolean complete, boolean settled, int barCount, int expectedBars,
                          Instant fetchedAt) {

    /** A day stored complete, as lookups that know nothing more report it. */
    public static DayCoverage completeDay(LocalDate day) {
        return new DayCoverage(day, true, false, 0, 0, null);
    }

    /** Final: complete, or settled with whatever the provider had. */
    public boolean covered() {
        return complete || settled;
    }

    /** Settled short of its session's bars: intervals with no trade, not a gap to fill. */
    public boolean sparse() {
        return settled && barCount < expectedBars;
    }

    /** Not final, but fetched less than {@code refreshAfter} before {@code now}: not worth asking again yet. */
    public boolean fresh(Instant now, Duration refreshAfter) {
        return !covered() && fetchedAt != null && fetchedAt.plus(refreshAfter).isAfter(now);
    }
}

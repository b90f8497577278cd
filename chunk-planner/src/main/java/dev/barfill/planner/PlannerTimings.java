package dev.barfill.planner;

import dev.barfill.planner.plan.RetryDelays;
import java.time.Duration;

/**
 * The planner's clocks and patience.
 *
 * @param flightTimeout       how long a day may stay in flight with no event before it is planned
 *                            again, and after a second such wait failed (default 6 h: well past the
 *                            fetcher's retry tiers of about 6 min plus capped provider holds)
 * @param flightCheckInterval how often the days in flight are checked against their deadline (1 min)
 * @param lookupRetry         delays between coverage lookups of a request kept while the database
 *                            fails (1 s doubling to 30 s); also how often kept requests are looked at
 */
public record PlannerTimings(Duration flightTimeout, Duration flightCheckInterval, RetryDelays lookupRetry) {

    public PlannerTimings {
        if (flightTimeout.isNegative() || flightTimeout.isZero()) {
            throw new IllegalArgumentException("planner.flight-timeout must be positive, got " + flightTimeout);
        }
        if (flightCheckInterval.isNegative() || flightCheckInterval.isZero()) {
            throw new IllegalArgumentException("planner.flight-check-interval must be positive, got "
                    + flightCheckInterval);
        }
    }

    public static PlannerTimings defaults() {
        return new PlannerTimings(Duration.ofHours(6), Duration.ofMinutes(1),
                new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }
}

package dev.barfill.planner;

import dev.barfill.planner.plan.DayPlanner;
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
 * @param jobRetention        a job finished (DONE, DONE_WITH_ERRORS, CANCELLED) longer ago than this is
 *                            retired: tombstoned on {@code job-progress} and dropped from the planner's
 *                            job store (default 7 days); the same window asked again is planned afresh
 * @param jobRetentionCheckInterval how often finished jobs are looked at for retirement (default 10 min)
 * @param refreshAfter        a session not settled yet (today's, under way) is fetched again when asked
 *                            once its last fetch is older than this (default 60 s); null for the default
 */
public record PlannerTimings(Duration flightTimeout, Duration flightCheckInterval, RetryDelays lookupRetry,
                             Duration jobRetention, Duration jobRetentionCheckInterval, Duration refreshAfter) {

    /** Default of {@link #jobRetention}. */
    public static final Duration DEFAULT_JOB_RETENTION = Duration.ofDays(7);
    /** Default of {@link #jobRetentionCheckInterval}. */
    public static final Duration DEFAULT_JOB_RETENTION_CHECK = Duration.ofMinutes(10);

    /** With the default job retention. */
    public PlannerTimings(Duration flightTimeout, Duration flightCheckInterval, RetryDelays lookupRetry) {
        this(flightTimeout, flightCheckInterval, lookupRetry, DEFAULT_JOB_RETENTION, DEFAULT_JOB_RETENTION_CHECK);
    }

    /** With the default refresh delay. */
    public PlannerTimings(Duration flightTimeout, Duration flightCheckInterval, RetryDelays lookupRetry,
                          Duration jobRetention, Duration jobRetentionCheckInterval) {
        this(flightTimeout, flightCheckInterval, lookupRetry, jobRetention, jobRetentionCheckInterval, null);
    }

    public PlannerTimings {
        if (refreshAfter == null) {
            refreshAfter = DayPlanner.DEFAULT_REFRESH_AFTER;
        }
        if (refreshAfter.isNegative()) {
            throw new IllegalArgumentException("planner.refresh-after must not be negative, got " + refreshAfter);
        }
        if (flightTimeout.isNegative() || flightTimeout.isZero()) {
            throw new IllegalArgumentException("planner.flight-timeout must be positive, got " + flightTimeout);
        }
        if (flightCheckInterval.isNegative() || flightCheckInterval.isZero()) {
            throw new IllegalArgumentException("planner.flight-check-interval must be positive, got "
                    + flightCheckInterval);
        }
        if (jobRetention == null || jobRetention.isNegative() || jobRetention.isZero()) {
            throw new IllegalArgumentException("planner.job-retention must be positive, got " + jobRetention);
        }
        if (jobRetentionCheckInterval == null || jobRetentionCheckInterval.isNegative()
                || jobRetentionCheckInterval.isZero()) {
            throw new IllegalArgumentException("planner.job-retention-check-interval must be positive, got "
                    + jobRetentionCheckInterval);
        }
    }

    /** The same timings with another job retention. */
    public PlannerTimings withJobRetention(Duration retention, Duration checkInterval) {
        return new PlannerTimings(flightTimeout, flightCheckInterval, lookupRetry, retention, checkInterval,
                refreshAfter);
    }

    /** The same timings with another refresh delay. */
    public PlannerTimings withRefreshAfter(Duration after) {
        return new PlannerTimings(flightTimeout, flightCheckInterval, lookupRetry, jobRetention,
                jobRetentionCheckInterval, after);
    }

    public static PlannerTimings defaults() {
        return new PlannerTimings(Duration.ofHours(6), Duration.ofMinutes(1),
                new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }
}

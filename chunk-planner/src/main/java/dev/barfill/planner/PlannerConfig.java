package dev.barfill.planner;

import dev.barfill.core.HistoryLimits;
import dev.barfill.core.WindowSizes;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.planner.plan.DayPlanner;
import dev.barfill.planner.plan.RetryDelays;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the planner role.
 *
 * @param applicationId       Kafka Streams application id, also its consumer group ({@code barfill-planner})
 * @param stateDir            where RocksDB state lives; survives restarts
 * @param maxWindowDays       longest accepted window of any timeframe, in trading days (default
 *                            {@value WindowSizes#LONGEST}, about 30 years); intraday windows are
 *                            further bounded by {@code historyLimits} ({@link WindowSizes})
 * @param streamThreads       stream threads in this instance (default 1)
 * @param historyLimits       how far back the providers serve each timeframe, derived from the providers
 *                            the fetchers use ({@code fetcher.providers}, {@code fetcher.provider}, else
 *                            {@code planner.providers}; {@link HistoryLimits#yahoo()} when none is named);
 *                            older days are reported unavailable, never planned
 * @param flightTimeout       a day in flight with no event for this long is planned again once, then
 *                            failed (default 6 h, see {@link PlannerTimings})
 * @param flightCheckInterval how often deadlines are checked (default 1 min)
 * @param lookupTimeout       longest wait for one coverage lookup before the request is kept and
 *                            retried (default 5 s); keeps a hung database from stalling the stream thread
 * @param lookupRetryFirst    first delay before a failed lookup is tried again (default 1 s)
 * @param lookupRetryMax      longest delay between lookups, reached by doubling (default 30 s)
 * @param jobRetention        a job finished longer ago than this leaves {@code job-progress} (a
 *                            tombstone), the planner's store and every API's view (default 7 d);
 *                            {@code backfill_jobs} keeps its row
 * @param jobRetentionCheckInterval how often finished jobs are looked at (default 10 min)
 * @param refreshAfter        a session not settled yet (today's) is fetched again when asked once its
 *                            last fetch is older than this (default 60 s)
 * @param defaultWindows      the window of a request that names none, per timeframe in trading days,
 *                            as {@code 15m=30,1h=90}; unnamed timeframes keep theirs (15m and finer 30,
 *                            1h and 4h 90, 1d and 1w 365). The API's {@code api.default-windows}
 *                            must say the same, so REST and Kafka resolve a request alike
 * @param pollInterval        the longest a stream thread waits for records before it commits what
 *                            it processed (Kafka Streams' {@code poll.ms}; default
 *                            {@value #DEFAULT_POLL_MILLIS} ms): downstream reads committed, so the last
 *                            chunks of a request and the last progress of a job wait for it
 */
public record PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                            int streamThreads, HistoryLimits historyLimits, Duration flightTimeout,
                            Duration flightCheckInterval, Duration lookupTimeout, Duration lookupRetryFirst,
                            Duration lookupRetryMax, Duration jobRetention, Duration jobRetentionCheckInterval,
                            Duration refreshAfter, String defaultWindows, Duration pollInterval) {

    /** Default of {@link #pollInterval}, in milliseconds. */
    public static final long DEFAULT_POLL_MILLIS = 10;

    /** Settings with the default poll interval. */
    public PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                         int streamThreads, HistoryLimits historyLimits, Duration flightTimeout,
                         Duration flightCheckInterval, Duration lookupTimeout, Duration lookupRetryFirst,
                         Duration lookupRetryMax, Duration jobRetention, Duration jobRetentionCheckInterval,
                         Duration refreshAfter, String defaultWindows) {
        this(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits, flightTimeout,
                flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, refreshAfter, defaultWindows, Duration.ofMillis(DEFAULT_POLL_MILLIS));
    }

    /** Settings with the default refresh delay and the standard default windows. */
    public PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                         int streamThreads, HistoryLimits historyLimits, Duration flightTimeout,
                         Duration flightCheckInterval, Duration lookupTimeout, Duration lookupRetryFirst,
                         Duration lookupRetryMax, Duration jobRetention, Duration jobRetentionCheckInterval) {
        this(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits, flightTimeout,
                flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, DayPlanner.DEFAULT_REFRESH_AFTER, "");
    }

    /** Settings with the default job retention. */
    public PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                         int streamThreads, HistoryLimits historyLimits, Duration flightTimeout,
                         Duration flightCheckInterval, Duration lookupTimeout, Duration lookupRetryFirst,
                         Duration lookupRetryMax) {
        this(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits, flightTimeout,
                flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax,
                PlannerTimings.DEFAULT_JOB_RETENTION, PlannerTimings.DEFAULT_JOB_RETENTION_CHECK);
    }

    /** Settings with Yahoo's history limits. */
    public PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                         int streamThreads) {
        this(kafka, applicationId, stateDir, maxWindowDays, streamThreads, HistoryLimits.yahoo());
    }

    /** Settings with the default timings. */
    public PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                         int streamThreads, HistoryLimits historyLimits) {
        this(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits,
                PlannerTimings.defaults().flightTimeout(), PlannerTimings.defaults().flightCheckInterval(),
                Duration.ofSeconds(5), PlannerTimings.defaults().lookupRetry().first(),
                PlannerTimings.defaults().lookupRetry().max());
    }

    public PlannerConfig {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("planner.application-id is required");
        }
        if (maxWindowDays < 1) {
            throw new IllegalArgumentException("planner.max-window-days must be at least 1, got " + maxWindowDays);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("planner.stream-threads must be at least 1, got " + streamThreads);
        }
        if (historyLimits == null) {
            throw new IllegalArgumentException("planner history limits are required (HistoryLimits.yahoo() by default)");
        }
        if (lookupTimeout == null || lookupTimeout.isNegative() || lookupTimeout.isZero()) {
            throw new IllegalArgumentException("planner.lookup-timeout must be positive, got " + lookupTimeout);
        }
        if (lookupRetryFirst == null || lookupRetryMax == null) {
            throw new IllegalArgumentException("planner.lookup-retry-first and planner.lookup-retry-max are required");
        }
        if (flightTimeout == null || flightCheckInterval == null) {
            throw new IllegalArgumentException("planner.flight-timeout and planner.flight-check-interval are required");
        }
        if (refreshAfter == null) {
            refreshAfter = DayPlanner.DEFAULT_REFRESH_AFTER;
        }
        if (pollInterval == null) {
            pollInterval = Duration.ofMillis(DEFAULT_POLL_MILLIS);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("planner.poll-interval must be positive, got " + pollInterval);
        }
        try {
            WindowSizes.configured(historyLimits, maxWindowDays, defaultWindows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("planner.default-windows: " + e.getMessage(), e);
        }
        // Validated once here, naming the settings.
        timings(flightTimeout, flightCheckInterval, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, refreshAfter);
    }

    public static PlannerConfig defaults(KafkaSettings kafka, Path stateDir) {
        return new PlannerConfig(kafka, "barfill-planner", stateDir, WindowSizes.LONGEST, 1);
    }

    /** The window sizes both the planner and the API apply. */
    public WindowSizes windowSizes() {
        return WindowSizes.configured(historyLimits, maxWindowDays, defaultWindows);
    }

    public PlannerTimings timings() {
        return timings(flightTimeout, flightCheckInterval, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, refreshAfter);
    }

    /** The same settings with other flight timings (tests and the embedded stack shorten them). */
    public PlannerConfig withFlightTimeout(Duration timeout, Duration checkInterval) {
        return new PlannerConfig(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits, timeout,
                checkInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, jobRetention, jobRetentionCheckInterval,
                refreshAfter, defaultWindows, pollInterval);
    }

    /** The same settings planning for other providers' history. */
    public PlannerConfig withHistoryLimits(HistoryLimits limits) {
        return new PlannerConfig(kafka, applicationId, stateDir, maxWindowDays, streamThreads, limits,
                flightTimeout, flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, refreshAfter, defaultWindows, pollInterval);
    }

    /** The same settings with another job retention. */
    public PlannerConfig withJobRetention(Duration retention, Duration checkInterval) {
        return new PlannerConfig(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits,
                flightTimeout, flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, retention,
                checkInterval, refreshAfter, defaultWindows, pollInterval);
    }

    /** The same settings with another refresh delay for sessions not settled yet. */
    public PlannerConfig withRefreshAfter(Duration after) {
        return new PlannerConfig(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits,
                flightTimeout, flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, after, defaultWindows, pollInterval);
    }

    /** The same settings with another poll interval. */
    public PlannerConfig withPollInterval(Duration interval) {
        return new PlannerConfig(kafka, applicationId, stateDir, maxWindowDays, streamThreads, historyLimits,
                flightTimeout, flightCheckInterval, lookupTimeout, lookupRetryFirst, lookupRetryMax, jobRetention,
                jobRetentionCheckInterval, refreshAfter, defaultWindows, interval);
    }

    private static PlannerTimings timings(Duration flightTimeout, Duration checkInterval, Duration first,
                                          Duration max, Duration jobRetention, Duration jobRetentionCheck,
                                          Duration refreshAfter) {
        RetryDelays retry;
        try {
            retry = new RetryDelays(first, max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("planner.lookup-retry-first/-max: " + e.getMessage(), e);
        }
        return new PlannerTimings(flightTimeout, checkInterval, retry, jobRetention, jobRetentionCheck, refreshAfter);
    }
}

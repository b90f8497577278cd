package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A request for coverage as it arrives over REST or on the {@code coverage-requests} topic, not
 * yet validated: either {@code from}/{@code to} (local trading dates, inclusive) or {@code days}
 * (the last N trading days). {@link CoverageRequestValidator} turns it into a {@link CoverageWindow}.
 *
 * @param refresh true to fetch every trading day of the window again, settled or not; null or
 *                false plans only the days not covered
 */
public record CoverageRequest(
        String symbol,
        String timeframe,
        LocalDate from,
        LocalDate to,
        Integer days,
        Integer priority,
        String requestedBy,
        Instant requestedAt,
        Boolean refresh) {

    /** A request that asks for no refresh. */
    public CoverageRequest(String symbol, String timeframe, LocalDate from, LocalDate to, Integer days,
                           Integer priority, String requestedBy, Instant requestedAt) {
        this(symbol, timeframe, from, to, days, priority, requestedBy, requestedAt, null);
    }

    public static CoverageRequest ofDays(String symbol, String timeframe, int days) {
        return new CoverageRequest(symbol, timeframe, null, null, days, null, null, null);
    }

    public static CoverageRequest ofRange(String symbol, String timeframe, LocalDate from, LocalDate to) {
        return new CoverageRequest(symbol, timeframe, from, to, null, null, null, null);
    }

    /** The same request with the window fixed to explicit dates, so every stage sees one window. */
    public CoverageRequest resolvedTo(CoverageWindow window) {
        return new CoverageRequest(window.series().symbol().value(), window.series().timeframe().code(),
                window.from(), window.to(), null, priority, requestedBy, requestedAt, refresh);
    }

    /** The same request asking (or not) that every day be fetched again. */
    public CoverageRequest withRefresh(boolean again) {
        return new CoverageRequest(symbol, timeframe, from, to, days, priority, requestedBy, requestedAt,
                again ? Boolean.TRUE : null);
    }

    /** Whether every trading day of the window is to be fetched again. */
    public boolean refreshing() {
        return Boolean.TRUE.equals(refresh);
    }
}

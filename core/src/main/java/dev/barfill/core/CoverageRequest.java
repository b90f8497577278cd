package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A request for coverage as it arrives over REST or on the {@code coverage-requests} topic, not
 * yet validated: either {@code from}/{@code to} (local trading dates, inclusive) or {@code days}
 * (the last N trading days). {@link CoverageRequestValidator} turns it into a {@link CoverageWindow}.
 */
public record CoverageRequest(
        String symbol,
        String timeframe,
        LocalDate from,
        LocalDate to,
        Integer days,
        Integer priority,
        String requestedBy,
        Instant requestedAt) {

    public static CoverageRequest ofDays(String symbol, String timeframe, int days) {
        return new CoverageRequest(symbol, timeframe, null, null, days, null, null, null);
    }

    public static CoverageRequest ofRange(String symbol, String timeframe, LocalDate from, LocalDate to) {
        return new CoverageRequest(symbol, timeframe, from, to, null, null, null, null);
    }

    /** The same request with the window fixed to explicit dates, so every stage sees one window. */
    public CoverageRequest resolvedTo(CoverageWindow window) {
        return new CoverageRequest(window.series().symbol().value(), window.series().timeframe().code(),
                window.from(), window.to(), null, priority, requestedBy, requestedAt);
    }
}

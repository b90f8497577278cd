package dev.barfill.fetcher.route;

import dev.barfill.core.ProviderHistory;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What one provider can serve: which intervals and how far back as core's {@link ProviderHistory}
 * declares them (the planner's limits come from the same declaration), plus how much one request
 * may cover and how fast the fetchers may ask.
 *
 * @param sources     for each timeframe it serves, the interval it is fetched at: itself when the
 *                    provider has it, a finer one to resample from otherwise (4h from 1h)
 * @param historyDays how far back each fetched interval reaches, in calendar days; absent means no limit
 * @param maxSpanDays calendar days one request may cover, per fetched interval (default 1)
 * @param requestsPerMinute the rate all fetchers together allow themselves, below the provider's own
 *                          limit; each instance takes its part ({@link RateShare})
 */
public record ProviderCapabilities(Map<Timeframe, Timeframe> sources, Map<Timeframe, Integer> historyDays,
                                   Map<Timeframe, Integer> maxSpanDays, int requestsPerMinute) {

    public ProviderCapabilities {
        sources = Map.copyOf(sources);
        historyDays = Map.copyOf(historyDays);
        maxSpanDays = Map.copyOf(maxSpanDays);
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, got " + requestsPerMinute);
        }
    }

    /** The interval to fetch {@code tf} at, or empty when this provider cannot build it. */
    public Optional<Timeframe> source(Timeframe tf) {
        return Optional.ofNullable(sources.get(tf));
    }

    /** True when a request for {@code day} at {@code tf} lies within the provider's history. */
    public boolean reaches(Timeframe tf, LocalDate day, Instant now) {
        Integer depth = source(tf).map(historyDays::get).orElse(null);
        return depth == null || !day.isBefore(now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(depth));
    }

    public int spanDays(Timeframe tf) {
        return source(tf).map(s -> maxSpanDays.getOrDefault(s, 1)).orElse(1);
    }

    public ProviderCapabilities withRequestsPerMinute(int perMinute) {
        return new ProviderCapabilities(sources, historyDays, maxSpanDays, perMinute);
    }

    /** Without a history limit (tests that fetch days of any age from a simulator, which serves any date). */
    public ProviderCapabilities withUnlimitedHistory() {
        return new ProviderCapabilities(sources, Map.of(), maxSpanDays, requestsPerMinute);
    }

    /**
     * A provider as core's {@link ProviderHistory} declares it (what it serves and how far back, the
     * depths the planner plans with too), with the fetcher's request shape and rate.
     */
    public static ProviderCapabilities of(ProviderHistory history, Map<Timeframe, Integer> maxSpanDays,
                                          int requestsPerMinute) {
        return new ProviderCapabilities(history.sources(), history.historyDays(), maxSpanDays, requestsPerMinute);
    }

    /** Yahoo v8 chart ({@link ProviderHistory#yahoo()}): 1m in 7-day requests, the rest up to its depth. */
    public static ProviderCapabilities yahoo(int perMinute) {
        return of(ProviderHistory.yahoo(), YAHOO_SPANS, perMinute);
    }

    /** The simulator: Yahoo's format, requests and, as declared in {@link ProviderHistory#simulator()}, history. */
    public static ProviderCapabilities simulator(int perMinute) {
        return of(ProviderHistory.simulator(), YAHOO_SPANS, perMinute);
    }

    /**
     * Polygon v2 aggregates, pages of 50,000 bars. Its hour bars start on the clock hour, not at the
     * 09:30 open, so 1h and 4h are built from 30m ({@link ProviderHistory#polygon()}).
     */
    public static ProviderCapabilities polygon(int perMinute) {
        return of(ProviderHistory.polygon(),
                Map.of(Timeframe.M1, 30, Timeframe.M5, 120, Timeframe.M15, 365, Timeframe.M30, 365,
                        Timeframe.H1, 730, Timeframe.H4, 730, Timeframe.D1, 3650, Timeframe.W1, 3650), perMinute);
    }

    /** Alpaca v2 bars, pages of 10,000 bars; like Polygon's, its hour bars are clock-aligned. */
    public static ProviderCapabilities alpaca(int perMinute) {
        return of(ProviderHistory.alpaca(),
                Map.of(Timeframe.M1, 20, Timeframe.M5, 60, Timeframe.M15, 180, Timeframe.M30, 365,
                        Timeframe.H1, 730, Timeframe.H4, 730, Timeframe.D1, 3650, Timeframe.W1, 3650), perMinute);
    }

    private static final Map<Timeframe, Integer> YAHOO_SPANS = Map.of(Timeframe.M1, 7, Timeframe.M5, 60,
            Timeframe.M15, 60, Timeframe.M30, 60, Timeframe.H1, 730, Timeframe.D1, 3650, Timeframe.W1, 3650);
}

package dev.barfill.fetcher.route;

import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one provider can serve.
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

    /** Without a history limit: for the simulator, which serves any date. */
    public ProviderCapabilities withUnlimitedHistory() {
        return new ProviderCapabilities(sources, Map.of(), maxSpanDays, requestsPerMinute);
    }

    /** Yahoo v8 chart: 1m for 30 days in 7-day requests, 5m-30m for 60 days, 1h for 730; no 4h. */
    public static ProviderCapabilities yahoo(int perMinute) {
        Map<Timeframe, Timeframe> sources = natives(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.M30,
                Timeframe.H1, Timeframe.D1, Timeframe.W1);
        sources.put(Timeframe.H4, Timeframe.H1);
        return new ProviderCapabilities(sources,
                Map.of(Timeframe.M1, 30, Timeframe.M5, 60, Timeframe.M15, 60, Timeframe.M30, 60, Timeframe.H1, 730),
                Map.of(Timeframe.M1, 7, Timeframe.M5, 60, Timeframe.M15, 60, Timeframe.M30, 60, Timeframe.H1, 730,
                        Timeframe.D1, 3650, Timeframe.W1, 3650), perMinute);
    }

    /**
     * Polygon v2 aggregates, pages of 50,000 bars. Its hour bars start on the clock hour, not at the
     * 09:30 open, so 1h and 4h are built from 30m.
     */
    public static ProviderCapabilities polygon(int perMinute) {
        return new ProviderCapabilities(sessionAligned(), Map.of(),
                Map.of(Timeframe.M1, 30, Timeframe.M5, 120, Timeframe.M15, 365, Timeframe.M30, 365,
                        Timeframe.H1, 730, Timeframe.H4, 730, Timeframe.D1, 3650, Timeframe.W1, 3650), perMinute);
    }

    /** Alpaca v2 bars, pages of 10,000 bars; like Polygon's, its hour bars are clock-aligned. */
    public static ProviderCapabilities alpaca(int perMinute) {
        return new ProviderCapabilities(sessionAligned(), Map.of(),
                Map.of(Timeframe.M1, 20, Timeframe.M5, 60, Timeframe.M15, 180, Timeframe.M30, 365,
                        Timeframe.H1, 730, Timeframe.H4, 730, Timeframe.D1, 3650, Timeframe.W1, 3650), perMinute);
    }

    private static Map<Timeframe, Timeframe> sessionAligned() {
        Map<Timeframe, Timeframe> sources = natives(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.M30,
                Timeframe.D1, Timeframe.W1);
        sources.put(Timeframe.H1, Timeframe.M30);
        sources.put(Timeframe.H4, Timeframe.M30);
        return sources;
    }

    private static Map<Timeframe, Timeframe> natives(Timeframe... tfs) {
        Map<Timeframe, Timeframe> m = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : tfs) {
            m.put(tf, tf);
        }
        return m;
    }
}

package dev.barfill.core;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one provider serves and how far back: the one declaration that both the planner (its
 * {@link HistoryLimits}) and the fetcher (its route's capabilities) read, so the two never disagree
 * on a provider's depth. Immutable and pure.
 *
 * <p>The simulator stands in for Yahoo (it speaks Yahoo's format and its bars are stored as
 * {@code yahoo}), so it is declared with Yahoo's history: the embedded stack plans, and reports
 * days unavailable, as production against Yahoo would, although the simulator could serve any date.
 *
 * @param name        the provider's name in {@code fetcher.provider}, {@code fetcher.providers} and
 *                    {@code planner.providers}
 * @param sources     for each timeframe it serves, the interval it is fetched at: itself when the
 *                    provider has it, a finer one to resample from otherwise (Yahoo's 4h from 1h)
 * @param historyDays how far back each fetched interval reaches, in calendar days; absent means no limit
 */
public record ProviderHistory(String name, Map<Timeframe, Timeframe> sources, Map<Timeframe, Integer> historyDays) {

    public ProviderHistory {
        sources = Map.copyOf(sources);
        historyDays = Map.copyOf(historyDays);
        for (Map.Entry<Timeframe, Integer> e : historyDays.entrySet()) {
            if (e.getValue() < 1) {
                throw new IllegalArgumentException("history of " + name + " at " + e.getKey()
                        + " must be at least 1 day, got " + e.getValue());
            }
        }
    }

    /** Yahoo v8 chart: 1m for 30 days, 5m-30m for 60, 1h for 730 (4h built from 1h); daily and weekly unlimited. */
    public static ProviderHistory yahoo() {
        return yahooNamed("yahoo");
    }

    /** The provider simulator: Yahoo's format and, as declared here, Yahoo's history (see above). */
    public static ProviderHistory simulator() {
        return yahooNamed("simulator");
    }

    /** Polygon v2 aggregates: full history; 1h and 4h built from 30m (its hour bars are clock-aligned). */
    public static ProviderHistory polygon() {
        return new ProviderHistory("polygon", sessionAligned(), Map.of());
    }

    /** Alpaca v2 bars: full history; like Polygon's, its hour bars are clock-aligned, so built from 30m. */
    public static ProviderHistory alpaca() {
        return new ProviderHistory("alpaca", sessionAligned(), Map.of());
    }

    /**
     * The provider called {@code name} (case-insensitive): {@code yahoo}, {@code polygon},
     * {@code alpaca} or {@code simulator}; anything else fails naming {@code setting}.
     */
    public static ProviderHistory named(String setting, String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "yahoo" -> yahoo();
            case "simulator" -> simulator();
            case "polygon" -> polygon();
            case "alpaca" -> alpaca();
            default -> throw new IllegalArgumentException(setting + " must name yahoo, polygon, alpaca or simulator,"
                    + " got '" + name + "'");
        };
    }

    /** The interval {@code tf} is fetched at, or empty when this provider cannot build it. */
    public Optional<Timeframe> source(Timeframe tf) {
        return Optional.ofNullable(sources.get(tf));
    }

    /** True when this provider serves {@code tf} at all. */
    public boolean serves(Timeframe tf) {
        return sources.containsKey(tf);
    }

    /** How many calendar days back {@code tf} reaches (its source's depth); empty when unlimited or not served. */
    public Optional<Integer> depthDays(Timeframe tf) {
        return source(tf).map(historyDays::get);
    }

    private static ProviderHistory yahooNamed(String name) {
        Map<Timeframe, Timeframe> sources = natives(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.M30,
                Timeframe.H1, Timeframe.D1, Timeframe.W1);
        sources.put(Timeframe.H4, Timeframe.H1);
        return new ProviderHistory(name, sources,
                Map.of(Timeframe.M1, 30, Timeframe.M5, 60, Timeframe.M15, 60, Timeframe.M30, 60, Timeframe.H1, 730));
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

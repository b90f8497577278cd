package dev.barfill.core;

import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far back the configured providers serve bars of each timeframe. A session that opened longer
 * ago than the depth of its timeframe cannot be fetched, so the planner reports it as unavailable
 * instead of planning a chunk that would fail for ever. A timeframe without an entry is unlimited.
 * Immutable and pure. Derived from {@link ProviderHistory}, the one declaration of each provider's
 * depth, which the fetcher reads too ({@link #of(List)}).
 *
 * <p>{@link #yahoo()}, the default: 1m 30 days; 5m, 15m and 30m 60 days; 1h 730 days; 4h (built
 * from 1h) 730 days; daily and weekly unlimited.
 *
 * @param depth history depth per timeframe, measured back from now
 */
public record HistoryLimits(Map<Timeframe, Duration> depth) {

    public HistoryLimits {
        Map<Timeframe, Duration> copy = new EnumMap<>(Timeframe.class);
        for (Map.Entry<Timeframe, Duration> e : depth.entrySet()) {
            if (e.getValue() == null || e.getValue().isNegative() || e.getValue().isZero()) {
                throw new IllegalArgumentException("history depth of " + e.getKey() + " must be positive, got "
                        + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        depth = Map.copyOf(copy);
    }

    /** Yahoo Finance's chart API limits, the default. */
    public static HistoryLimits yahoo() {
        return of(List.of(ProviderHistory.yahoo()));
    }

    /**
     * The limits of a fallback chain: per timeframe, the deepest of the providers that serve it, since
     * the fetcher's router falls back to the next provider for a day the first no longer reaches. One
     * provider without a limit on a timeframe makes it unlimited; a timeframe no provider serves has
     * no limit here (the fetcher reports it unsupported).
     */
    public static HistoryLimits of(List<ProviderHistory> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("history limits need at least one provider");
        }
        Map<Timeframe, Duration> depth = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            List<ProviderHistory> serving = chain.stream().filter(p -> p.serves(tf)).toList();
            if (!serving.isEmpty() && serving.stream().allMatch(p -> p.depthDays(tf).isPresent())) {
                int deepest = serving.stream().mapToInt(p -> p.depthDays(tf).orElseThrow()).max().orElseThrow();
                depth.put(tf, Duration.ofDays(deepest));
            }
        }
        return new HistoryLimits(depth);
    }

    /**
     * The limits of the providers named in {@code setting} ({@code polygon,yahoo}), entries written as
     * {@code fetcher.providers} takes them: a kind, perhaps with a suffix ({@code yahoo-eu}) and a URL
     * ({@code yahoo=http://proxy:8080}).
     */
    public static HistoryLimits ofProviders(String setting, List<String> entries) {
        List<ProviderHistory> chain = new ArrayList<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String name = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            int dash = name.indexOf('-');
            chain.add(ProviderHistory.named(setting, dash < 0 ? name : name.substring(0, dash)));
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(setting + " must name at least one provider");
        }
        return of(chain);
    }

    /** No limit on any timeframe (a provider with full history, or the simulator). */
    public static HistoryLimits unlimited() {
        return new HistoryLimits(Map.of());
    }

    public Optional<Duration> depthOf(Timeframe timeframe) {
        return Optional.ofNullable(depth.get(timeframe));
    }

    /** True when the provider still serves the whole of {@code session} at {@code now}. */
    public boolean available(Timeframe timeframe, Session session, Instant now) {
        Duration limit = depth.get(timeframe);
        return limit == null || !session.open().isBefore(now.minus(limit));
    }
}

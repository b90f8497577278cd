package dev.barfill.core;

import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How far back a provider serves bars of each timeframe. A session that opened longer ago than
 * the depth of its timeframe cannot be fetched, so the planner reports it as unavailable instead
 * of planning a chunk that would fail for ever. A timeframe without an entry is unlimited.
 * Immutable and pure.
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
        Duration days60 = Duration.ofDays(60);
        Duration days730 = Duration.ofDays(730);
        return new HistoryLimits(Map.of(Timeframe.M1, Duration.ofDays(30), Timeframe.M5, days60,
                Timeframe.M15, days60, Timeframe.M30, days60, Timeframe.H1, days730, Timeframe.H4, days730));
    }

    /** No limit on any timeframe (a provider with full history, or the simulator). */
    public static HistoryLimits unlimited() {
        return new HistoryLimits(Map.of());
    }

    /**
     * Reads the text form {@code 1m=30d,5m=60d,1h=730d}: comma-separated {@code timeframe=depth}
     * entries with the depth in days ({@code d}) or hours ({@code h}); an empty text is unlimited.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static HistoryLimits parse(String spec) {
        Map<Timeframe, Duration> out = new EnumMap<>(Timeframe.class);
        if (spec == null || spec.isBlank()) {
            return unlimited();
        }
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !kv[1].trim().matches("[0-9]+[dh]")) {
                throw new IllegalArgumentException("history limit '" + entry.trim()
                        + "' must read timeframe=<N>d or timeframe=<N>h, for example 1m=30d");
            }
            String value = kv[1].trim();
            long n = Long.parseLong(value.substring(0, value.length() - 1));
            out.put(Timeframe.parse(kv[0].trim()),
                    value.endsWith("d") ? Duration.ofDays(n) : Duration.ofHours(n));
        }
        return new HistoryLimits(out);
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

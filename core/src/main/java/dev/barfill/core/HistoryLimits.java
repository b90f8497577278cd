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

    public Optional<Duration> depthOf(Timeframe timeframe) {
        return Optional.ofNullable(depth.get(timeframe));
    }

    /** True when the provider still serves the whole of {@code session} at {@code now}. */
    public boolean available(Timeframe timeframe, Session session, Instant now) {
        Duration limit = depth.get(timeframe);
        return limit == null || !session.open().isBefore(now.minus(limit));
    }
}

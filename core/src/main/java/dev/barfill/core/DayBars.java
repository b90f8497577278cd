package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every bar of one trading day from one provider, on the {@code bars} topic.
 *
 * @param expectedBars bars a full session holds at this timeframe
 * @param complete     true when the day is final and whole: its session has closed and the
 *                     provider returned every expected bar
 * @param rejectedBars bars the fetcher refused (misaligned, impossible prices, duplicates)
 * @param plannedAt    the {@link ChunkTask#plannedAt()} of the chunk fetched, carried on to the
 *                     sink's event; null from fetchers that predate it
 */
public record DayBars(
        String symbol,
        Timeframe timeframe,
        LocalDate day,
        String provider,
        List<Bar> bars,
        int expectedBars,
        boolean complete,
        int rejectedBars,
        Instant fetchedAt,
        Instant plannedAt) {

    public DayBars {
        bars = bars == null ? List.of() : List.copyOf(bars);
    }

    /** Bars of no known plan. */
    public DayBars(String symbol, Timeframe timeframe, LocalDate day, String provider, List<Bar> bars,
                   int expectedBars, boolean complete, int rejectedBars, Instant fetchedAt) {
        this(symbol, timeframe, day, provider, bars, expectedBars, complete, rejectedBars, fetchedAt, null);
    }

    /** The same bars, fetched for the chunk planned at {@code plannedAt}. */
    public DayBars forPlan(Instant plannedAt) {
        return new DayBars(symbol, timeframe, day, provider, bars, expectedBars, complete, rejectedBars, fetchedAt,
                plannedAt);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(series(), day);
    }
}

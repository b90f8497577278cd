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
        Instant fetchedAt) {

    public DayBars {
        bars = bars == null ? List.of() : List.copyOf(bars);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(series(), day);
    }
}

package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
 * @param settled      true when the day was fetched at or after its session's close plus the
 *                     fetcher's settle delay: what the provider has then is all it will ever
 *                     have, so a day missing bars (an illiquid name's intervals with no trade) is
 *                     final too and not fetched again unless a request asks for a refresh. False
 *                     from fetchers that predate it
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
        Instant plannedAt,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean settled) {

    @JsonCreator
    public DayBars {
        bars = bars == null ? List.of() : List.copyOf(bars);
    }

    /** Bars of a day not known to be settled. */
    public DayBars(String symbol, Timeframe timeframe, LocalDate day, String provider, List<Bar> bars,
                   int expectedBars, boolean complete, int rejectedBars, Instant fetchedAt, Instant plannedAt) {
        this(symbol, timeframe, day, provider, bars, expectedBars, complete, rejectedBars, fetchedAt, plannedAt,
                false);
    }

    /** Bars of no known plan. */
    public DayBars(String symbol, Timeframe timeframe, LocalDate day, String provider, List<Bar> bars,
                   int expectedBars, boolean complete, int rejectedBars, Instant fetchedAt) {
        this(symbol, timeframe, day, provider, bars, expectedBars, complete, rejectedBars, fetchedAt, null);
    }

    /** The same bars, fetched for the chunk planned at {@code plannedAt}. */
    public DayBars forPlan(Instant plannedAt) {
        return new DayBars(symbol, timeframe, day, provider, bars, expectedBars, complete, rejectedBars, fetchedAt,
                plannedAt, settled);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(series(), day);
    }
}

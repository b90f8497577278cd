package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The outcome of one day, on the {@code chunk-events} topic; drives job progress.
 *
 * @param plannedAt the {@link ChunkTask#plannedAt()} of the chunk this is the outcome of: the
 *                  planner settles a day only with an event of its current flight, so a late
 *                  event of an older plan never decides a newer one. Null from producers that
 *                  predate it (then the event settles whatever flight the day has)
 * @param expectedBars bars a full session holds, for a written day; 0 when unknown (failures,
 *                     producers that predate it)
 * @param settled   for a written day, whether it was settled when fetched ({@link DayBars#settled()});
 *                  false from producers that predate it
 * @param attempt   for {@link ChunkEventType#RETRYING}: the attempt the day waits for; 0 otherwise
 * @param tripped   for {@link ChunkEventType#RETRYING}: the provider whose circuit breaker held the
 *                  day, when one did; else null
 */
public record ChunkEvent(
        String symbol,
        Timeframe timeframe,
        LocalDate day,
        ChunkEventType type,
        int barCount,
        int rejectedBars,
        String provider,
        String reason,
        Instant at,
        Instant plannedAt,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int expectedBars,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean settled,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int attempt,
        String tripped) {

    @JsonCreator
    public ChunkEvent {
    }

    /** A written day with its expected bars and whether it settled. */
    public ChunkEvent(String symbol, Timeframe timeframe, LocalDate day, ChunkEventType type, int barCount,
                      int rejectedBars, String provider, String reason, Instant at, Instant plannedAt,
                      int expectedBars, boolean settled) {
        this(symbol, timeframe, day, type, barCount, rejectedBars, provider, reason, at, plannedAt, expectedBars,
                settled, 0, null);
    }

    /** An event that says nothing of the day's expected bars, settling or retries. */
    public ChunkEvent(String symbol, Timeframe timeframe, LocalDate day, ChunkEventType type, int barCount,
                      int rejectedBars, String provider, String reason, Instant at, Instant plannedAt) {
        this(symbol, timeframe, day, type, barCount, rejectedBars, provider, reason, at, plannedAt, 0, false);
    }

    /** An event that names no flight. */
    public ChunkEvent(String symbol, Timeframe timeframe, LocalDate day, ChunkEventType type, int barCount,
                      int rejectedBars, String provider, String reason, Instant at) {
        this(symbol, timeframe, day, type, barCount, rejectedBars, provider, reason, at, null);
    }

    public static ChunkEvent written(DayBars day, Instant at) {
        return new ChunkEvent(day.symbol(), day.timeframe(), day.day(), ChunkEventType.WRITTEN,
                day.bars().size(), day.rejectedBars(), day.provider(), null, at, day.plannedAt(), day.expectedBars(),
                day.settled());
    }

    public static ChunkEvent failed(ChunkTask task, String provider, String reason, Instant at) {
        return new ChunkEvent(task.symbol(), task.timeframe(), task.day(), ChunkEventType.FAILED,
                0, 0, provider, reason, at, task.plannedAt());
    }

    /** The day of {@code bars} could not be stored, for {@code reason}. */
    public static ChunkEvent failed(DayBars bars, String reason, Instant at) {
        return new ChunkEvent(bars.symbol(), bars.timeframe(), bars.day(), ChunkEventType.FAILED, 0,
                bars.rejectedBars(), bars.provider(), reason, at, bars.plannedAt());
    }

    /** A written day that settled with fewer bars than its session holds: final, and sparse. */
    public boolean sparse() {
        return type == ChunkEventType.WRITTEN && settled && barCount < expectedBars;
    }

    /**
     * The day of {@code next} waits in a retry tier for attempt {@code next.attempt()}: not an
     * outcome, it settles nothing.
     */
    public static ChunkEvent retrying(ChunkTask next, String provider, String reason, String tripped, Instant at) {
        return new ChunkEvent(next.symbol(), next.timeframe(), next.day(), ChunkEventType.RETRYING, 0, 0, provider,
                reason, at, next.plannedAt(), 0, false, next.attempt(), tripped);
    }

    /** Whether this event is the outcome of the flight planned at {@code flightPlannedAt}. */
    public boolean belongsTo(Instant flightPlannedAt) {
        return plannedAt == null || plannedAt.equals(flightPlannedAt);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(series(), day);
    }
}

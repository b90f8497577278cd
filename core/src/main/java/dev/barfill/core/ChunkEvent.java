package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;

/** The outcome of one day, on the {@code chunk-events} topic; drives job progress. */
public record ChunkEvent(
        String symbol,
        Timeframe timeframe,
        LocalDate day,
        ChunkEventType type,
        int barCount,
        int rejectedBars,
        String provider,
        String reason,
        Instant at) {

    public static ChunkEvent written(DayBars day, Instant at) {
        return new ChunkEvent(day.symbol(), day.timeframe(), day.day(), ChunkEventType.WRITTEN,
                day.bars().size(), day.rejectedBars(), day.provider(), null, at);
    }

    public static ChunkEvent failed(ChunkTask task, String provider, String reason, Instant at) {
        return new ChunkEvent(task.symbol(), task.timeframe(), task.day(), ChunkEventType.FAILED,
                0, 0, provider, reason, at);
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(series(), day);
    }
}

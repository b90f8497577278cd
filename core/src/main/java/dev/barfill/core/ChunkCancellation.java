package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A planned day nobody waits for any more, on the compacted {@code chunk-cancellations} topic,
 * keyed by chunk key. One flight of a day is identified by its chunk key and its
 * {@code plannedAt}: a fetcher skips a chunk only when both match, so a marker never stops a
 * later plan of the same day, even when the fetcher reads the marker late.
 *
 * @param plannedAt the {@link ChunkTask#plannedAt()} of the cancelled flight
 */
public record ChunkCancellation(String symbol, Timeframe timeframe, LocalDate day, Instant plannedAt,
                                Instant cancelledAt) {

    public static ChunkCancellation of(ChunkKey key, Instant plannedAt, Instant cancelledAt) {
        return new ChunkCancellation(key.series().symbol().value(), key.series().timeframe(), key.day(), plannedAt,
                cancelledAt);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(new Series(new Symbol(symbol), timeframe), day);
    }

    /** True when {@code task} is the very flight this marker cancels. */
    public boolean cancels(ChunkTask task) {
        return task.chunkKey().equals(chunkKey()) && plannedAt.equals(task.plannedAt());
    }
}

package dev.barfill.fetcher;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;

/** The outcome of fetching one chunk. */
public sealed interface DayResult {

    ChunkTask task();

    /** Bars to write; may be fewer than expected (the day is then marked incomplete). */
    record Bars(ChunkTask task, DayBars day) implements DayResult {
    }

    /** No provider could deliver the day. */
    record Failed(ChunkTask task, String provider, String reason) implements DayResult {
    }
}

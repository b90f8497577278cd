package dev.barfill.fetcher;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkTask;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flights of days the planner has cancelled, as read from {@code chunk-cancellations}:
 * a chunk is skipped only when its chunk key and its {@code plannedAt} match a marker, so a later
 * plan of the same day is always fetched. Thread-safe.
 */
public final class ChunkCancellations {
    private final Map<String, ChunkCancellation> byChunkKey = new ConcurrentHashMap<>();

    /** Records a marker under its chunk key; a tombstone ({@code null}) removes it. */
    public void apply(String chunkKey, ChunkCancellation marker) {
        if (marker == null) {
            byChunkKey.remove(chunkKey);
        } else {
            byChunkKey.put(chunkKey, marker);
        }
    }

    /** True when nobody waits for {@code task} any more: it must not be fetched. */
    public boolean cancels(ChunkTask task) {
        ChunkCancellation marker = byChunkKey.get(task.chunkKey().key());
        return marker != null && marker.cancels(task);
    }

    public int size() {
        return byChunkKey.size();
    }
}

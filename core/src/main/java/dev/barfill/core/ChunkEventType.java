package dev.barfill.core;

/** What became of a planned day, or, for {@link #RETRYING}, what is happening to it. */
public enum ChunkEventType {
    /** The day's bars are committed in PostgreSQL. */
    WRITTEN,
    /** Every provider failed or refused the day; it will not be retried by itself. */
    FAILED,
    /** The day was dropped before fetching (its jobs were cancelled). */
    SKIPPED,
    /**
     * Not an outcome: the day failed for now (or its provider holds requests) and waits in a retry
     * tier for another attempt. It settles nothing; the jobs waiting for it show it retrying.
     */
    RETRYING;

    /** Whether the event ends the day's flight (every type but {@link #RETRYING}). */
    public boolean settles() {
        return this != RETRYING;
    }
}

package dev.barfill.core;

/** What became of a planned day. */
public enum ChunkEventType {
    /** The day's bars are committed in PostgreSQL. */
    WRITTEN,
    /** Every provider failed or refused the day; it will not be retried by itself. */
    FAILED,
    /** The day was dropped before fetching (its jobs were cancelled). */
    SKIPPED
}

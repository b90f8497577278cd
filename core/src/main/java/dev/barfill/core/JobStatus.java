package dev.barfill.core;

/** Life of a backfill job. The last three are final. */
public enum JobStatus {
    PLANNED, RUNNING, DONE, DONE_WITH_ERRORS, CANCELLED;

    public boolean finished() {
        return this == DONE || this == DONE_WITH_ERRORS || this == CANCELLED;
    }
}

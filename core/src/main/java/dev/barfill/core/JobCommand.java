package dev.barfill.core;

import java.time.Instant;

/**
 * An order about a job, on the {@code job-commands} topic, keyed by the job's series key so it
 * reaches the planner task that holds the job.
 *
 * @param requestedBy who asked, for the log and the audit trail; may be null
 */
public record JobCommand(String jobId, Type type, Instant requestedAt, String requestedBy) {

    /** What to do with the job. */
    public enum Type {
        /** Stop fetching the job's days that no other live job waits on; the job ends CANCELLED. */
        CANCEL
    }

    public JobCommand {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("a job command needs a jobId");
        }
        if (type == null) {
            throw new IllegalArgumentException("a job command needs a type, one of CANCEL");
        }
    }

    public static JobCommand cancel(String jobId, Instant at, String by) {
        return new JobCommand(jobId, Type.CANCEL, at, by);
    }
}

package dev.barfill.planner.plan;

import dev.barfill.core.JobProgress;
import java.time.Duration;
import java.time.Instant;

/**
 * When a job leaves {@code job-progress}: once it has been finished (DONE, DONE_WITH_ERRORS,
 * CANCELLED) for longer than the retention. A finished job's {@code updatedAt} is when it
 * finished: nothing changes a finished job but a new plan of it, which makes it run again. Pure.
 */
public final class JobRetention {
    private JobRetention() {
    }

    /** True when {@code job} finished more than {@code retention} before {@code now}. */
    public static boolean expired(JobProgress job, Instant now, Duration retention) {
        return job.status() != null && job.status().finished() && job.updatedAt() != null
                && job.updatedAt().plus(retention).isBefore(now);
    }
}

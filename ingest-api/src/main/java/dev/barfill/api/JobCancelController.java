package dev.barfill.api;

import dev.barfill.core.JobCommand;
import dev.barfill.core.JobProgress;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code DELETE /v1/jobs/{id}}: queues a cancel command for a live job and answers 202 with the
 * job as it stands; the planner marks it {@code CANCELLED} shortly after. 404 for an unknown job,
 * 409 for a job that has already finished. The optional {@code X-Requested-By} header names who
 * asked.
 */
final class JobCancelController {
    static final String REQUESTED_BY = "X-Requested-By";

    private final JobProgressView jobs;
    private final RequestPublisher publisher;
    private final Clock clock;

    JobCancelController(JobProgressView jobs, RequestPublisher publisher, Clock clock) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.clock = clock;
    }

    void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        JobProgress job = jobs.get(id).orElseThrow(() -> ApiException.notFound("no job " + id));
        if (job.status().finished()) {
            throw new ApiException(409, "job_finished", "job " + id + " has already finished: " + job.status());
        }
        String by = ctx.header(REQUESTED_BY);
        publisher.publish(job.series().key(), JobCommand.cancel(id, clock.instant(), by == null ? ctx.ip() : by));
        ctx.status(202).json(job);
    }
}

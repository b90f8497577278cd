package dev.barfill.api;

import dev.barfill.api.days.DayState;
import dev.barfill.api.days.DayStatus;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /v1/jobs/{id}/retry}: re-runs a job's failed days through the ordinary request
 * path, as one coverage request from its first to its last failed day. Every other day of that
 * range is stored (or unavailable), so the planner plans exactly the failed days; the answer
 * names the job that fetches them (a new job, or the same one reopened when the range is the
 * whole window). 404 for an unknown job, 409 when it has no failed day.
 */
final class JobRetryController {
    /** What the retry queued. */
    record RetryAnswer(String retryOf, List<LocalDate> failedDays, CoverageAnswer coverage) {
    }

    private final JobProgressView jobs;
    private final DayStatesService days;
    private final CoverageService coverage;

    JobRetryController(JobProgressView jobs, DayStatesService days, CoverageService coverage) {
        this.jobs = jobs;
        this.days = days;
        this.coverage = coverage;
    }

    void retry(Context ctx) {
        String id = JobsQuery.requireJobId(ctx.pathParam("id"));
        JobProgress job = jobs.get(id).orElseThrow(() -> ApiException.notFound("no job " + id));
        List<LocalDate> failed = days.ofJob(job).days().stream().filter(d -> d.state() == DayState.FAILED)
                .map(DayStatus::day).toList();
        if (failed.isEmpty()) {
            throw new ApiException(409, "no_failed_days", "job " + id + " has no failed day to re-run");
        }
        String by = ctx.header(JobCancelController.REQUESTED_BY);
        CoverageRequest request = new CoverageRequest(job.symbol(), job.timeframe().code(), failed.get(0),
                failed.get(failed.size() - 1), null, null, by == null ? "retry of " + id : by,
                coverage.clock().instant());
        CoverageAnswer answer = coverage.ensure(request);
        ctx.status(answer.hasCoverage() ? 200 : 202).json(new RetryAnswer(id, failed, answer));
    }
}

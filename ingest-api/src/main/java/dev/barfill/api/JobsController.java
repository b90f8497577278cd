package dev.barfill.api;

import dev.barfill.core.InvalidRequestException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;

/** {@code /v1/jobs}: the list, one job, and a job's live progress, all from {@link JobProgressView}. */
final class JobsController {
    /** How many jobs match the filter in all, for paging. */
    static final String TOTAL_COUNT = "X-Total-Count";
    private final JobProgressView jobs;
    private final SseHandler events;

    JobsController(JobProgressView jobs, JobEventStream stream) {
        this.jobs = jobs;
        this.events = new SseHandler(client -> stream.stream(client, client.ctx().pathParam("id")));
    }

    void list(Context ctx) {
        JobsQuery query = JobsQuery.parse(ctx.queryParam("status"), ctx.queryParam("symbol"), ctx.queryParam("limit"));
        JobsQuery.Page page = query.page(jobs.all(), JobsQuery.parseOffset(ctx.queryParam("offset")));
        // The body stays a plain list, as clients already read it; the total rides in a header.
        ctx.header(TOTAL_COUNT, String.valueOf(page.total())).json(page.jobs());
    }

    void get(Context ctx) {
        String id = JobsQuery.requireJobId(ctx.pathParam("id"));
        ctx.json(jobs.get(id).orElseThrow(() -> ApiException.notFound("no job " + id)));
    }

    /** Validates the id before the stream starts: once it has, the status is 200 for good. */
    void events(Context ctx) throws Exception {
        JobsQuery.requireJobId(ctx.pathParam("id"));
        String accept = ctx.header("Accept");
        // Javalin streams only to clients that accept an event stream, and answers others with nothing.
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new InvalidRequestException("Accept", "this route is a server-sent event stream:"
                    + " send Accept: text/event-stream");
        }
        events.handle(ctx);
    }
}

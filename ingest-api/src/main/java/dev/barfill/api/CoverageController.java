package dev.barfill.api;

import dev.barfill.core.CoverageRequestJson;
import io.javalin.http.Context;

/** {@code POST /v1/coverage} and {@code POST /v1/coverage/bulk}: parse, call the service, answer. */
final class CoverageController {
    private final CoverageService coverage;
    private final BulkCoverageService bulk;

    CoverageController(CoverageService coverage, BulkCoverageService bulk) {
        this.coverage = coverage;
        this.bulk = bulk;
    }

    /** 200 when the window is stored complete, 202 with a job id when gaps are being filled. */
    void ensure(Context ctx) {
        CoverageAnswer answer = coverage.ensure(CoverageRequestJson.fromTree(JsonBody.object(ctx, "coverage request")));
        ctx.status(answer.hasCoverage() ? 200 : 202).json(answer);
    }

    /** 202 when at least one symbol was queued, else 200; per-symbol refusals are in the results. */
    void ensureAll(Context ctx) {
        BulkCoverageAnswer answer = bulk.ensureAll(BulkCoverageRequest.fromTree(JsonBody.object(ctx,
                "bulk coverage request")));
        ctx.status(answer.queued() > 0 ? 202 : 200).json(answer);
    }
}

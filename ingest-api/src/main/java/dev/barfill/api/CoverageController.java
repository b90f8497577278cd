package dev.barfill.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.CoverageRequest;
import io.javalin.http.Context;

/** {@code POST /v1/coverage} and {@code POST /v1/coverage/bulk}: parse, call the service, answer. */
final class CoverageController {
    private final ObjectMapper mapper;
    private final CoverageService coverage;
    private final BulkCoverageService bulk;

    CoverageController(ObjectMapper mapper, CoverageService coverage, BulkCoverageService bulk) {
        this.mapper = mapper;
        this.coverage = coverage;
        this.bulk = bulk;
    }

    /** 200 when the window is stored complete, 202 with a job id when gaps are being filled. */
    void ensure(Context ctx) {
        CoverageAnswer answer = coverage.ensure(JsonBody.read(ctx, mapper, CoverageRequest.class, "coverage request"));
        ctx.status(answer.hasCoverage() ? 200 : 202).json(answer);
    }

    /** 202 when at least one symbol was queued, else 200; per-symbol refusals are in the results. */
    void ensureAll(Context ctx) {
        BulkCoverageAnswer answer = bulk.ensureAll(JsonBody.read(ctx, mapper, BulkCoverageRequest.class,
                "bulk coverage request"));
        ctx.status(answer.queued() > 0 ? 202 : 200).json(answer);
    }
}

package dev.barfill.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.FieldError;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API. This class owns the routes and the error mapping; controllers do the I/O. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Bodies are small JSON objects; anything larger is a mistake or an attack. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final Javalin app;

    public ApiServer(ApiConfig config, CoverageService coverage, JobProgressView jobs, BarsController bars) {
        ObjectMapper mapper = Json.configure(new ObjectMapper());
        this.app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(mapper, false));
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.routes.post("/v1/coverage", ctx -> ensureCoverage(ctx, mapper, coverage));
            c.routes.get("/v1/jobs/{id}", ctx -> ctx.json(jobs.get(ctx.pathParam("id"))
                    .orElseThrow(() -> ApiException.notFound("no job " + ctx.pathParam("id")))));
            c.routes.delete("/v1/jobs/{id}", new JobCancelController(jobs, coverage.publisher())::cancel);
            c.routes.get("/v1/bars", bars::get);
            c.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            c.routes.exception(InvalidRequestException.class, (e, ctx) ->
                    ctx.status(400).json(new ApiError("invalid_request", e.getMessage(), e.errors())));
            c.routes.exception(ApiException.class, (e, ctx) ->
                    ctx.status(e.status()).json(new ApiError(e.code(), e.getMessage(), List.of())));
            c.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(new ApiError(httpCode(e.getStatus()), e.getStatus() == 404
                            ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage(), List.of())));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError("internal", "unexpected error; see the server log", List.of()));
            });
        });
    }

    private static String httpCode(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            default -> "http_error";
        };
    }

    private static void ensureCoverage(Context ctx, ObjectMapper mapper, CoverageService coverage) {
        CoverageRequest request;
        try {
            request = mapper.readValue(ctx.bodyAsBytes(), CoverageRequest.class);
        } catch (JacksonException e) {
            throw new InvalidRequestException(List.of(new FieldError("body", "not a valid JSON coverage request: "
                    + e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("body", "unreadable body");
        }
        CoverageAnswer answer = coverage.ensure(request);
        ctx.status(answer.hasCoverage() ? 200 : 202).json(answer);
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

package dev.barfill.api;

import dev.barfill.core.InvalidRequestException;
import dev.barfill.store.StoreUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to the one JSON error shape, {@link ApiError}; only real faults are a 500. */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(InvalidRequestException.class, (e, ctx) ->
                ctx.status(400).json(new ApiError("invalid_request", e.getMessage(), e.errors())));
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            ctx.status(e.status()).json(new ApiError(e.code(), e.getMessage(), List.of()));
        });
        // The database is down or busy (a read no service turned into an ApiException): worth retrying.
        routes.exception(StoreUnavailableException.class, (e, ctx) ->
                ctx.status(503).json(new ApiError("unavailable", e.getMessage(), List.of())));
        routes.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(new ApiError(httpCode(e.getStatus()), e.getStatus() == 404
                        ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage(), List.of())));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiError("internal", "unexpected error; see the server log", List.of()));
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
}

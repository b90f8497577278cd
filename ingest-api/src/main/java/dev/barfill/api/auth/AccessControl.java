package dev.barfill.api.auth;

import dev.barfill.api.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Runs before every route of the API proper ({@code /v1/...} and {@code /metrics}); health, the
 * OpenAPI document and the dashboard's files stay open. Writes need a key with write scope
 * (admin scope for the pipeline's replays) whenever keys are configured; reads need a key unless
 * reads are open. Every caller is rate
 * limited: per key, or per IP without one (failed attempts count against the IP).
 */
public final class AccessControl {
    private static final String BEARER = "Bearer ";

    private final AuthSettings settings;
    private final RateLimiter limiter;

    public AccessControl(AuthSettings settings) {
        this.settings = settings;
        this.limiter = new RateLimiter(settings.requestsPerSecond(), settings.burst(), System::nanoTime);
    }

    public void check(Context ctx) {
        if (!guarded(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        Optional<ApiKey> key = header != null && header.startsWith(BEARER)
                ? identify(header.substring(BEARER.length()).trim()) : Optional.empty();
        long wait = limiter.tryAcquire(key.map(k -> "key:" + k.name()).orElse("ip:" + ctx.ip()));
        if (wait > 0) {
            throw new ApiException(429, "rate_limited", "too many requests; retry in " + wait + " s", wait);
        }
        if (!settings.enabled()) {
            return;
        }
        boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
        ApiKey.Scope needed = write && adminOnly(ctx.path()) ? ApiKey.Scope.ADMIN
                : write ? ApiKey.Scope.WRITE : ApiKey.Scope.READ;
        if (key.isEmpty()) {
            if (header != null) {
                unauthorized(ctx, "unknown API key");
            }
            if (write || !settings.readsOpen()) {
                unauthorized(ctx, "this route needs an API key with " + needed.name().toLowerCase(java.util.Locale.ROOT) + " scope:"
                        + " send Authorization: Bearer <key>");
            }
            return;
        }
        if (!key.get().allows(needed)) {
            throw new ApiException(403, "forbidden", "API key '" + key.get().name() + "' lacks "
                    + needed.name().toLowerCase(java.util.Locale.ROOT) + " scope");
        }
    }

    /** Replaying dead letters re-drives the pipeline: more than a client that asks for coverage may do. */
    private static boolean adminOnly(String path) {
        return path.startsWith("/v1/pipeline/");
    }

    private static boolean guarded(String path) {
        return path.startsWith("/v1/") || path.equals("/metrics");
    }

    /** Compares against every key, matched or not, so the time taken says nothing about which. */
    private Optional<ApiKey> identify(String presented) {
        ApiKey found = null;
        for (ApiKey k : settings.keys()) {
            if (k.matches(presented) && found == null) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    private static void unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiException(401, "unauthorized", message);
    }
}

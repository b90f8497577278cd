package dev.barfill.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: every readiness check is up;
 * otherwise 503, with each check's state so an operator sees which one is down.
 */
final class HealthController {
    private final List<HealthCheck> checks;

    HealthController(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    void ready(Context ctx) {
        Map<String, HealthCheck.Status> states = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            HealthCheck.Status s = check.check();
            states.put(check.name(), s);
            up &= s.up();
        }
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "checks", states));
    }
}

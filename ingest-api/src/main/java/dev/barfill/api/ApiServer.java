package dev.barfill.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.api.auth.AccessControl;
import dev.barfill.api.pipeline.ConsumerLag;
import dev.barfill.api.pipeline.DeadLetterDesk;
import dev.barfill.core.Json;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The HTTP API. This class owns the routes; controllers do the I/O, {@link ErrorMapping} the errors. */
public final class ApiServer implements AutoCloseable {
    /** Bodies are small JSON objects; anything larger is a mistake or an attack. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Duration SSE_HEARTBEAT = Duration.ofSeconds(15);

    /**
     * What the API serves from.
     *
     * @param metrics   the process's shared registry, scraped at {@code /metrics}
     * @param readiness the checks behind {@code /health/ready}
     * @param lag         consumer lag for the pipeline page; null answers its route with 503
     * @param deadLetters the DLQs for the pipeline page; null answers their routes with 503
     * @param schedules   the schedules topic as read back; null answers {@code /v1/schedules} with 503
     */
    public record Services(CoverageService coverage, JobProgressView jobs, BarsController bars,
                           PrometheusMeterRegistry metrics, List<HealthCheck> readiness, ConsumerLag lag,
                           DeadLetterDesk deadLetters, ScheduleView schedules) {

        /** Without schedules. */
        public Services(CoverageService coverage, JobProgressView jobs, BarsController bars,
                        PrometheusMeterRegistry metrics, List<HealthCheck> readiness, ConsumerLag lag,
                        DeadLetterDesk deadLetters) {
            this(coverage, jobs, bars, metrics, readiness, lag, deadLetters, null);
        }

        /** Without the pipeline page's sources. */
        public Services(CoverageService coverage, JobProgressView jobs, BarsController bars,
                        PrometheusMeterRegistry metrics, List<HealthCheck> readiness) {
            this(coverage, jobs, bars, metrics, readiness, null, null, null);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final ApiConfig config;
    private final List<String> routes = new ArrayList<>();

    /** An API with its own metrics registry and no readiness checks (tests). */
    public ApiServer(ApiConfig config, CoverageService coverage, JobProgressView jobs, BarsController bars) {
        this(config, new Services(coverage, jobs, bars, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of()));
    }

    public ApiServer(ApiConfig config, Services s) {
        this.config = config;
        ObjectMapper mapper = Json.configure(new ObjectMapper());
        CoverageController coverage = new CoverageController(s.coverage(),
                new BulkCoverageService(s.coverage(), config.maxBulkSymbols()));
        JobsController jobs = new JobsController(s.jobs(),
                new JobEventStream(s.jobs(), mapper, config.sseJobWait(), SSE_HEARTBEAT));
        DayStatesService dayStates = s.coverage().dayStates(s.jobs());
        DayStatesController days = new DayStatesController(dayStates, s.jobs());
        JobRetryController retry = new JobRetryController(s.jobs(), dayStates, s.coverage());
        PipelineController pipeline = new PipelineController(mapper, s.lag(), s.deadLetters());
        SchedulesController schedules = new SchedulesController(mapper, s.schedules(), s.coverage().publisher(),
                s.coverage().clock(), config.windowSizes());
        HealthController health = new HealthController(s.readiness());
        HttpMetrics httpMetrics = new HttpMetrics(s.metrics());
        ClasspathAsset openApi = new ClasspathAsset("/api/openapi.json", "application/json");
        ClasspathAsset page = new ClasspathAsset("/dashboard/index.html", "text/html; charset=utf-8");
        ClasspathAsset script = new ClasspathAsset("/dashboard/dashboard.js", "text/javascript; charset=utf-8");
        ClasspathAsset style = new ClasspathAsset("/dashboard/dashboard.css", "text/css; charset=utf-8");
        ClasspathAsset consoleScript = new ClasspathAsset("/dashboard/console.js", "text/javascript; charset=utf-8");
        this.app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(mapper, false));
            c.http.maxRequestSize = MAX_BODY_BYTES;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.requestLogger.http(httpMetrics::record);
            RoutesConfig r = c.routes;
            r.before(new AccessControl(config.auth())::check);
            post(r, "/v1/coverage", coverage::ensure);
            post(r, "/v1/coverage/bulk", coverage::ensureAll);
            get(r, "/v1/coverage", days::ofSeries);
            get(r, "/v1/jobs", jobs::list);
            get(r, "/v1/jobs/{id}", jobs::get);
            get(r, "/v1/jobs/{id}/events", jobs::events);
            delete(r, "/v1/jobs/{id}", new JobCancelController(s.jobs(), s.coverage().publisher(), s.coverage().clock())::cancel);
            get(r, "/v1/jobs/{id}/days", days::ofJob);
            post(r, "/v1/jobs/{id}/retry", retry::retry);
            get(r, "/v1/pipeline/lag", pipeline::lag);
            get(r, "/v1/pipeline/dlq", pipeline::deadLetters);
            post(r, "/v1/pipeline/dlq/{topic}/replay", pipeline::replay);
            post(r, "/v1/schedules", schedules::create);
            get(r, "/v1/schedules", schedules::list);
            delete(r, "/v1/schedules/{name}", schedules::delete);
            get(r, "/v1/bars", s.bars()::get);
            get(r, "/health/live", health::live);
            get(r, "/health/ready", health::ready);
            get(r, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(s.metrics().scrape()));
            get(r, "/openapi.json", openApi::serve);
            get(r, "/", page::serve);
            get(r, "/dashboard.js", script::serve);
            get(r, "/dashboard.css", style::serve);
            get(r, "/console.js", consoleScript::serve);
            ErrorMapping.install(r);
        });
    }

    private void get(RoutesConfig r, String path, Handler handler) {
        routes.add("GET " + path);
        r.get(path, handler);
    }

    private void post(RoutesConfig r, String path, Handler handler) {
        routes.add("POST " + path);
        r.post(path, handler);
    }

    private void delete(RoutesConfig r, String path, Handler handler) {
        routes.add("DELETE " + path);
        r.delete(path, handler);
    }

    /** Every route as {@code METHOD /path/{param}}, in registration order (the OpenAPI test reads it). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    public ApiServer start() {
        app.start();
        if (config.reachableFromOutside() && !config.auth().enabled()) {
            LOG.warn("the API on {}:{} answers anyone who can reach it, without keys: set api.keys"
                    + " (BARFILL_API_KEYS) or bind api.host=127.0.0.1", config.host(), app.port());
        }
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

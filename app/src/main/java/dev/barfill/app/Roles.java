package dev.barfill.app;

import dev.barfill.api.ApiConfig;
import dev.barfill.api.ApiServer;
import dev.barfill.api.BarsController;
import dev.barfill.store.BarsReader;
import dev.barfill.store.CoverageReader;
import dev.barfill.api.CoverageService;
import dev.barfill.api.HealthCheck;
import dev.barfill.api.HealthChecks;
import dev.barfill.api.JobProgressView;
import dev.barfill.api.RequestPublisher;
import dev.barfill.api.ScheduleView;
import dev.barfill.api.pipeline.AdminConsumerLag;
import dev.barfill.app.dlq.KafkaDeadLetterDesk;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.JobStatus;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.TopicAdmin;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.FetcherService;
import dev.barfill.planner.StoredCoverageLookup;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.planner.PlannerHealth;
import dev.barfill.planner.PlannerService;
import dev.barfill.sink.BarWriter;
import dev.barfill.sink.SinkConfig;
import dev.barfill.sink.SinkHealth;
import dev.barfill.sink.SinkService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles against one Kafka cluster and one database: all four in one process
 * ({@link #start}), or one alone ({@code startSink}, {@code startFetcher}, ...). Closing stops
 * them in reverse order.
 */
public final class Roles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Roles.class);

    /**
     * What the roles need from outside.
     *
     * @param fetcher changes to the fetcher's default settings (retry tiers, rate limits)
     */
    public record Settings(KafkaSettings kafka, DataSource dataSource, String providerUrl, Path stateDir,
                           ApiConfig api, UnaryOperator<FetcherConfig> fetcher, UnaryOperator<PlannerConfig> planner) {
        public Settings(KafkaSettings kafka, DataSource dataSource, String providerUrl, Path stateDir, ApiConfig api) {
            this(kafka, dataSource, providerUrl, stateDir, api, UnaryOperator.identity());
        }

        public Settings(KafkaSettings kafka, DataSource dataSource, String providerUrl, Path stateDir, ApiConfig api,
                        UnaryOperator<FetcherConfig> fetcher) {
            this(kafka, dataSource, providerUrl, stateDir, api, fetcher, UnaryOperator.identity());
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** One registry for the process: every role registers its meters here, the API serves them. */
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ApiServer api;
    private PlannerService planner;
    private SinkService sink;
    private FetcherService fetcher;

    /** Readiness of what this process runs, by name; each takes the grace a consumer may be out of its group. */
    private final List<java.util.function.Function<Duration, HealthCheck>> roleChecks = new ArrayList<>();

    private Roles() {
        // JVM meters of the process: memory, GC, threads, classes, CPU, uptime.
        new JvmMemoryMetrics().bindTo(metrics);
        track(new JvmGcMetrics()).bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
    }

    public static Roles start(Settings s, CalendarRegistry calendars, Clock clock) {
        return launch(r -> {
            ensureTopics(s.kafka());
            r.addSink(SinkConfig.defaults(s.kafka()), s.dataSource(), clock);
            FetcherConfig fetcher = s.fetcher().apply(FetcherConfig.defaults(s.kafka(), s.providerUrl()));
            r.addFetcher(fetcher, calendars, clock);
            // The planner plans for the providers this fetcher calls (the simulator: Yahoo's history).
            r.addPlanner(s.planner().apply(PlannerConfig.defaults(s.kafka(), s.stateDir())
                            .withHistoryLimits(fetcher.history())), s.dataSource(), calendars, clock);
            r.addApi(s.kafka(), s.api().withHistory(fetcher.history()), s.dataSource(), calendars, clock);
        });
    }

    /** Creates the declared topics that are missing, with the configured replication factor. */
    public static void ensureTopics(KafkaSettings kafka) {
        try (Admin admin = Admin.create(KafkaClients.admin(kafka))) {
            TopicAdmin.ensure(admin, kafka.topics().all(), kafka.replicationFactor());
        }
    }

    /** The sink alone; it migrates the schema itself unless told not to. */
    public static Roles startSink(SinkConfig config, DataSource dataSource, Clock clock) {
        return launch(r -> r.addSink(config, dataSource, clock));
    }

    public static Roles startFetcher(FetcherConfig config, CalendarRegistry calendars, Clock clock) {
        return launch(r -> r.addFetcher(config, calendars, clock));
    }

    public static Roles startPlanner(PlannerConfig config, DataSource dataSource, CalendarRegistry calendars,
                                     Clock clock) {
        return launch(r -> r.addPlanner(config, dataSource, calendars, clock));
    }

    public static Roles startApi(KafkaSettings kafka, ApiConfig config, DataSource dataSource,
                                 CalendarRegistry calendars, Clock clock) {
        return launch(r -> r.addApi(kafka, config, dataSource, calendars, clock));
    }

    private static Roles launch(java.util.function.Consumer<Roles> starter) {
        Roles roles = new Roles();
        try {
            starter.accept(roles);
            return roles;
        } catch (RuntimeException e) {
            roles.close();
            throw e;
        }
    }

    private void addSink(SinkConfig config, DataSource dataSource, Clock clock) {
        SinkService s = track(new SinkService(config, new BarWriter(dataSource), clock, metrics));
        sink = s;
        bindClient(new KafkaClientMetrics(s.producer()));
        s.loops().forEach(loop -> bindClient(new KafkaClientMetrics(loop.consumer())));
        roleChecks.add(grace -> HealthChecks.named("sink", () -> {
            SinkHealth.State state = s.health().current();
            return new HealthCheck.Status(state.status() == SinkHealth.Status.UP, state.status()
                    + (state.lastError() == null ? "" : ", last error: " + state.lastError()));
        }));
        roleChecks.add(grace -> membership("sink-consumers", s.loops(), grace));
        s.start();
    }

    private void addFetcher(FetcherConfig config, CalendarRegistry calendars, Clock clock) {
        fetcher = track(new FetcherService(config, calendars, clock, metrics));
        bindClient(new KafkaClientMetrics(fetcher.producer()));
        fetcher.loops().forEach(loop -> bindClient(new KafkaClientMetrics(loop.consumer())));
        roleChecks.add(grace -> membership("fetcher-consumers", fetcher.loops(), grace));
        fetcher.start();
    }

    private void addPlanner(PlannerConfig config, DataSource dataSource, CalendarRegistry calendars, Clock clock) {
        PlannerService p = track(new PlannerService(config, calendars, new StoredCoverageLookup(dataSource), clock));
        planner = p;
        bindClient(new KafkaStreamsMetrics(p.streams()));
        roleChecks.add(grace -> plannerStreams(p));
        roleChecks.add(grace -> plannerReadiness(p));
        p.start();
    }

    /** Binds a Kafka client's meters; closed (its refresh stopped) before the client itself. */
    private void bindClient(io.micrometer.core.instrument.binder.MeterBinder binder) {
        binder.bindTo(metrics);
        if (binder instanceof AutoCloseable closeable) {
            track(closeable);
        }
    }

    /** Every consumer loop is in its group, or left it less than {@code grace} ago (a rebalance). */
    static HealthCheck membership(String name, List<? extends BatchConsumerLoop<?>> loops, Duration grace) {
        return HealthChecks.named(name, () -> {
            boolean up = loops.stream().allMatch(l -> l.membership().ready(grace));
            return new HealthCheck.Status(up, String.join("; ", loops.stream()
                    .map(l -> l.name() + ": " + l.membership().describe()).toList()));
        });
    }

    static HealthCheck plannerStreams(PlannerService planner) {
        return HealthChecks.named("planner-streams", () -> new HealthCheck.Status(
                planner.state() == KafkaStreams.State.RUNNING, "Kafka Streams " + planner.state()));
    }

    /** Jobs in the API's view by status: {@code barfill.jobs{status=RUNNING}}. */
    private void bindJobs(JobProgressView jobs) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("barfill.jobs", jobs, v -> v.all().stream().filter(j -> j.status() == status).count())
                    .tag("status", status.name()).description("Jobs in the API's job view, by status")
                    .register(metrics);
        }
    }

    private void addApi(KafkaSettings kafka, ApiConfig config, DataSource dataSource, CalendarRegistry calendars,
                        Clock clock) {
        JobProgressView jobs = track(new JobProgressView(kafka));
        jobs.start();
        bindJobs(jobs);
        RequestPublisher publisher = track(new RequestPublisher(kafka, config.produceTimeout()));
        ScheduleView schedules = track(new ScheduleView(kafka));
        schedules.start();
        bindClient(new KafkaClientMetrics(publisher.producer()));
        CoverageService coverage = new CoverageService(
                new CoverageRequestValidator(calendars, config.windowSizes(), clock), calendars,
                new CoverageReader(dataSource), publisher);
        Admin healthAdmin = track(Admin.create(KafkaClients.admin(kafka)));
        new ClusterMeters(healthAdmin, kafka.topics(), kafka.topicPrefix(), Duration.ofSeconds(10), metrics,
                System::nanoTime).bind();
        List<HealthCheck> own = List.of(HealthChecks.kafka(healthAdmin, Duration.ofSeconds(2)),
                HealthChecks.database(dataSource, Duration.ofSeconds(2)), HealthChecks.jobView(jobs));
        api = track(new ApiServer(config, new ApiServer.Services(coverage, jobs,
                new BarsController(new BarsReader(dataSource), calendars, config.maxBars()), metrics,
                readiness(own), new AdminConsumerLag(healthAdmin, Duration.ofSeconds(5),
                        AdminConsumerLag.consumersOf(kafka)),
                new KafkaDeadLetterDesk(kafka), schedules)).start());
        // The API role's management port answers what its own port does: Kafka, PostgreSQL, the job view.
        own.forEach(check -> roleChecks.add(grace -> check));
    }

    /** The API's own checks (Kafka, PostgreSQL, the job view); the planner and sink when they run in this process. */
    private List<HealthCheck> readiness(List<HealthCheck> own) {
        List<HealthCheck> checks = new ArrayList<>(own);
        PlannerService inProcessPlanner = planner;
        if (inProcessPlanner != null) {
            checks.add(plannerStreams(inProcessPlanner));
            checks.add(plannerReadiness(inProcessPlanner));
        }
        FetcherService inProcessFetcher = fetcher;
        if (inProcessFetcher != null) {
            checks.add(providersReadiness(inProcessFetcher));
        }
        SinkService inProcessSink = sink;
        if (inProcessSink != null) {
            checks.add(HealthChecks.named("sink", () -> {
                SinkHealth.State state = inProcessSink.health().current();
                return new HealthCheck.Status(state.status() == SinkHealth.Status.UP, state.status()
                        + (state.lastError() == null ? "" : ", last error: " + state.lastError()));
            }));
        }
        return checks;
    }

    /**
     * Names every provider tripped by its circuit breaker, and why. Ready while at least one provider
     * serves: the router sends the tripped one's days there, so the pipeline still fills gaps. Not
     * ready once every provider is tripped, as the planner is not ready while requests wait for the
     * database: nothing is lost (the days wait in a retry tier until a cool-down ends), but no gap
     * gets filled meanwhile.
     */
    static HealthCheck providersReadiness(FetcherService fetcher) {
        return HealthChecks.named("providers", () -> {
            var health = fetcher.providerHealth();
            return new HealthCheck.Status(health.serving(), health.detail());
        });
    }

    /**
     * Not ready while requests wait for the database: they are kept, but nothing new gets planned.
     * The detail says {@code UP} or {@code DEGRADED}, with the last lookup error.
     */
    static HealthCheck plannerReadiness(PlannerService planner) {
        return HealthChecks.named("planner", () -> {
            PlannerHealth.State state = planner.health().current();
            return new HealthCheck.Status(state.status() == PlannerHealth.Status.UP, state.status()
                    + (state.lastError() == null ? "" : ", last error: " + state.lastError()));
        });
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return metrics;
    }

    /**
     * What {@code /health/ready} of this process asks: the Streams client RUNNING and the planner
     * UP; the sink UP; every consumer in its group (or out of it for less than {@code consumerGrace});
     * for the API, Kafka, PostgreSQL and its job view.
     */
    public List<HealthCheck> readiness(Duration consumerGrace) {
        return roleChecks.stream().map(c -> c.apply(consumerGrace)).toList();
    }

    /**
     * Completes with a reason when a role of this process ended by itself (the planner's Kafka
     * Streams client died); never completes otherwise. The role command then exits non-zero.
     */
    public CompletableFuture<String> ended() {
        return planner == null ? new CompletableFuture<>()
                : planner.ended().thenApply(state -> "the planner's Kafka Streams client ended in state " + state);
    }

    public int apiPort() {
        return api.port();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            long t0 = System.nanoTime();
            try {
                next.close();
                LOG.info("closed {} in {} ms", next.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

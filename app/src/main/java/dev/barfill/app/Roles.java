package dev.barfill.app;

import dev.barfill.api.ApiConfig;
import dev.barfill.api.ApiServer;
import dev.barfill.api.BarsController;
import dev.barfill.api.BarsReader;
import dev.barfill.api.CoverageReader;
import dev.barfill.api.CoverageService;
import dev.barfill.api.JobProgressView;
import dev.barfill.api.RequestPublisher;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.TopicAdmin;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.FetcherService;
import dev.barfill.fetcher.provider.YahooChartProvider;
import dev.barfill.planner.JdbcCoverageLookup;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.planner.PlannerService;
import dev.barfill.sink.BarWriter;
import dev.barfill.sink.SinkConfig;
import dev.barfill.sink.SinkService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;

/** The four roles wired together against one Kafka cluster and one database. */
public final class Roles implements AutoCloseable {

    /** What the roles need from outside. */
    public record Settings(KafkaSettings kafka, DataSource dataSource, String providerUrl, Path stateDir,
                           ApiConfig api) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ApiServer api;

    private Roles() {
    }

    public static Roles start(Settings s, CalendarRegistry calendars, Clock clock) {
        Roles roles = new Roles();
        try {
            roles.startAll(s, calendars, clock);
            return roles;
        } catch (RuntimeException e) {
            roles.close();
            throw e;
        }
    }

    private void startAll(Settings s, CalendarRegistry calendars, Clock clock) {
        ensureTopics(s.kafka());
        addSink(SinkConfig.defaults(s.kafka()), s.dataSource(), clock);
        addFetcher(FetcherConfig.defaults(s.kafka(), s.providerUrl()), calendars, clock);
        addPlanner(PlannerConfig.defaults(s.kafka(), s.stateDir()), s.dataSource(), calendars, clock);
        addApi(s.kafka(), s.api(), s.dataSource(), calendars, clock);
    }

    /** Creates the declared topics that are missing, with the configured replication factor. */
    public static void ensureTopics(KafkaSettings kafka) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, kafka.topics().all(), kafka.replicationFactor());
        }
    }

    /** The sink alone; the schema must be migrated already. */
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
        SinkService sink = track(new SinkService(config, new BarWriter(dataSource), clock));
        sink.start();
    }

    private void addFetcher(FetcherConfig fetcherConfig, CalendarRegistry calendars, Clock clock) {
        YahooChartProvider provider = new YahooChartProvider(fetcherConfig.providerName(),
                YahooChartProvider.defaultClient(fetcherConfig.requestTimeout(), fetcherConfig.concurrency()),
                fetcherConfig.providerBaseUrl());
        FetcherService fetcher = track(new FetcherService(fetcherConfig, provider, calendars, clock));
        fetcher.start();
    }

    private void addPlanner(PlannerConfig config, DataSource dataSource, CalendarRegistry calendars, Clock clock) {
        PlannerService planner = track(new PlannerService(config, calendars,
                new JdbcCoverageLookup(dataSource), clock));
        planner.start();
    }

    private void addApi(KafkaSettings kafka, ApiConfig config, DataSource dataSource, CalendarRegistry calendars,
                        Clock clock) {
        JobProgressView jobs = track(new JobProgressView(kafka));
        jobs.start();
        RequestPublisher publisher = track(new RequestPublisher(kafka, config.produceTimeout()));
        CoverageService coverage = new CoverageService(
                new CoverageRequestValidator(calendars, config.maxWindowDays(), clock), calendars,
                new CoverageReader(dataSource), publisher);
        api = track(new ApiServer(config, coverage, jobs,
                new BarsController(new BarsReader(dataSource), calendars, config.maxBars())).start());
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
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
                org.slf4j.LoggerFactory.getLogger(Roles.class).info("closed {} in {} ms", next.getClass().getSimpleName(),
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Roles.class).warn("closing a role failed: {}", e.toString());
            }
        }
    }
}

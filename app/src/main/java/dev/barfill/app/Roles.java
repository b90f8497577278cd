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
                           ApiConfig api, java.util.function.UnaryOperator<FetcherConfig> fetcher) {
        public Settings(KafkaSettings kafka, DataSource dataSource, String providerUrl, Path stateDir, ApiConfig api) {
            this(kafka, dataSource, providerUrl, stateDir, api, java.util.function.UnaryOperator.identity());
        }
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
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.kafka().bootstrapServers()))) {
            TopicAdmin.ensure(admin, s.kafka().topics().all(), s.kafka().replicationFactor());
        }
        SinkService sink = track(new SinkService(SinkConfig.defaults(s.kafka()), new BarWriter(s.dataSource()), clock));
        sink.start();
        FetcherConfig fetcherConfig = FetcherConfig.defaults(s.kafka(), s.providerUrl());
        FetcherService fetcher = track(new FetcherService(s.fetcher().apply(fetcherConfig), calendars, clock));
        fetcher.start();
        PlannerService planner = track(new PlannerService(PlannerConfig.defaults(s.kafka(), s.stateDir()), calendars,
                new JdbcCoverageLookup(s.dataSource()), clock));
        planner.start();
        JobProgressView jobs = track(new JobProgressView(s.kafka()));
        jobs.start();
        RequestPublisher publisher = track(new RequestPublisher(s.kafka(), s.api().produceTimeout()));
        CoverageService coverage = new CoverageService(
                new CoverageRequestValidator(calendars, s.api().maxWindowDays(), clock), calendars,
                new CoverageReader(s.dataSource()), publisher);
        api = track(new ApiServer(s.api(), coverage, jobs,
                new BarsController(new BarsReader(s.dataSource()), calendars, s.api().maxBars())).start());
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

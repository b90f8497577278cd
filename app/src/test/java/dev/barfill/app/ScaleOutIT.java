package dev.barfill.app;

import dev.barfill.app.role.Resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderSettings;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.sink.SinkConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out and failover on real parts: one in-process KRaft broker and one embedded PostgreSQL
 * ({@link TestInfrastructure}),
 * two planners, three fetchers and two sinks, each with its own clients and state directory in the
 * same consumer groups. One planner and one fetcher run as {@code barfill planner|fetcher} child
 * JVMs and are SIGKILLed mid-run, so they die without closing, committing offsets or committing
 * their open transaction; the survivors take their partitions over and must finish every job with
 * every trading day stored once, with the values the provider served.
 */
@Tag("date-sensitive")
@Timeout(600)
class ScaleOutIT {
    private static final int SYMBOLS = 50;
    private static final String API_SECRET = "scale-out-secret-01";
    // Ten closed sessions before the process clock's now: within every history limit on any day.
    private static final RecentSessions WINDOW = RecentSessions.last(10);
    private static final LocalDate FROM = WINDOW.from();
    private static final LocalDate TO = WINDOW.to();
    private static final int DAYS = WINDOW.days();
    private static final int BARS = WINDOW.bars(Timeframe.M15);

    @TempDir
    Path dir;
    private final Resources started = new Resources();

    @AfterEach
    void stopAll() {
        started.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        return started.add(resource);
    }

    @Test
    void shouldLandEveryTradingDayExactlyOnceWhenAPlannerAndAFetcherAreKilledMidRun() throws Exception {
        TestInfrastructure infra = track(TestInfrastructure.start(dir.resolve("infra")));
        HikariDataSource pool = infra.pool();
        // Slow enough answers that the run is still going when the victims are killed.
        YahooSimulator simulator = track(new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ofMillis(150), 0).start());
        KafkaSettings settings = infra.topics("barfill.", 6);
        CalendarRegistry calendars = CalendarRegistry.defaults();
        Clock clock = RecentSessions.clock();

        FetcherConfig fetcher = new FetcherConfig(settings, "barfill-fetcher",
                List.of(ProviderSettings.simulator(simulator.baseUrl(), FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE)),
                Map.of(), 2, Duration.ofSeconds(30), RetryPolicy.defaults());
        track(Roles.startPlanner(PlannerConfig.defaults(settings, dir.resolve("planner-1")), pool, calendars, clock));
        track(Roles.startFetcher(fetcher, calendars, clock));
        track(Roles.startFetcher(fetcher, calendars, clock));
        track(Roles.startSink(SinkConfig.defaults(settings), pool, clock));
        // The second sink and the API run as role processes too, set up through the environment.
        Map<String, String> env = Map.of("BARFILL_KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(),
                "BARFILL_DB_URL", infra.jdbcUrl());
        ChildJvm sink = track(ChildJvm.start(dir.resolve("sink-2.log"), env, "sink"));
        int apiPort = Ports.free();
        // The API role secured by its own settings: keys from the environment, as in production.
        Map<String, String> apiEnv = new java.util.HashMap<>(env);
        apiEnv.put("BARFILL_API_KEYS", "ops:" + API_SECRET + ":read|write");
        ChildJvm api = track(ChildJvm.start(dir.resolve("api.log"), apiEnv, "api", "--set", "api.port=" + apiPort));
        String[] shared = {"--set", "kafka.bootstrap-servers=" + infra.bootstrapServers(),
            "--set", "db.url=" + infra.jdbcUrl()};
        ChildJvm plannerVictim = track(ChildJvm.start(dir.resolve("planner-2.log"), concat(new String[] {"planner",
            "--set", "planner.state-dir=" + dir.resolve("planner-2")}, shared)));
        ChildJvm fetcherVictim = track(ChildJvm.start(dir.resolve("fetcher-3.log"), concat(new String[] {"fetcher",
            "--set", "fetcher.provider-url=" + simulator.baseUrl(), "--set", "fetcher.concurrency=2"}, shared)));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            // On failure the children's logs say why: planner-2.log and fetcher-3.log in the temp dir.
            await("2 planners and 3 fetchers in their groups").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("a child JVM died", () -> !plannerVictim.isAlive() || !fetcherVictim.isAlive()
                            || !sink.isAlive() || !api.isAlive())
                    .untilAsserted(() -> {
                        assertThat(members(admin, "barfill-planner")).isEqualTo(2);
                        assertThat(members(admin, "barfill-fetcher")).isEqualTo(3);
                        assertThat(members(admin, "barfill-sink")).isEqualTo(2);
                    });
        }
        ApiClient client = new ApiClient("http://127.0.0.1:" + apiPort, API_SECRET);
        await("the API answers").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> client.job("NONE-15m-000000000000").isEmpty());
        java.net.http.HttpResponse<String> unkeyed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + apiPort + "/v1/coverage"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unkeyed.statusCode()).as(unkeyed.body()).isEqualTo(401);

        long t0 = System.nanoTime();
        List<String> jobIds = new ArrayList<>();
        for (String symbol : symbols()) {
            JsonNode answer = client.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", FROM, TO));
            assertThat(answer.path("tradingDays").asInt()).isEqualTo(DAYS);
            jobIds.add(answer.path("jobId").asText());
        }

        await("a tenth of the days stored").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> Sql.count(pool, "SELECT count(*) FROM bar_coverage") >= SYMBOLS * DAYS / 10);
        plannerVictim.kill();
        fetcherVictim.kill();
        long storedAtKill = Sql.count(pool, "SELECT count(*) FROM bar_coverage");
        assertThat(storedAtKill).as("the victims died mid-run").isLessThan(SYMBOLS * DAYS);

        await("every job done").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String id : jobIds) {
                        assertThat(client.job(id)).as(id).hasValueSatisfying(j ->
                                assertThat(j.status()).isEqualTo(JobStatus.DONE));
                    }
                });
        System.out.printf("scale-out: victims killed with %d of %d days stored; all done %.1f s after the requests%n",
                storedAtKill, SYMBOLS * DAYS, (System.nanoTime() - t0) / 1e9);
        for (String id : jobIds) {
            JobProgress job = client.job(id).orElseThrow();
            assertThat(job.progress()).as(id).isEqualTo(100);
            assertThat(job.totalDays()).as(id).isEqualTo(DAYS);
            assertThat(job.doneDays()).as(id).isEqualTo(DAYS);
            assertThat(job.failedDays()).as(id).isZero();
            assertThat(job.barsWritten()).as(id).isEqualTo((long) BARS);
        }
        assertThat(Sql.count(pool, "SELECT count(*) FROM ohlc_bars")).isEqualTo((long) SYMBOLS * BARS);
        // Values as served, and coverage rows that count the bars really stored: what a replayed or
        // half-written day would break, where the primary key alone guarantees nothing.
        for (String symbol : symbols()) {
            StoredBars.assertServedBySimulator(pool, symbol, Timeframe.M15, WINDOW.sessions());
        }
        assertThat(StoredBars.assertCoverageAgreesWithBars(pool)).isEqualTo(SYMBOLS * DAYS);
        assertThat(Sql.count(pool, "SELECT count(*) FROM bar_coverage WHERE complete")).isEqualTo((long) SYMBOLS * DAYS);
        assertThat(Sql.count(pool, "SELECT count(DISTINCT symbol) FROM bar_coverage")).isEqualTo(SYMBOLS);

        // SIGTERM is the clean stop: the sink leaves its group at once instead of after a session timeout.
        assertThat(sink.terminate()).as(sink.output()).isEqualTo(143);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            assertThat(members(admin, "barfill-sink")).isEqualTo(1);
        }
        assertThat(sink.output()).contains("effective config:", "db.url=" + infra.jdbcUrl() + " (env)");
    }

    private static List<String> symbols() {
        return IntStream.range(0, SYMBOLS).mapToObj(i -> String.format("S%02d", i)).toList();
    }

    private static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

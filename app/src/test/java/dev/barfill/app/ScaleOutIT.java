package dev.barfill.app;

import dev.barfill.app.role.Resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.SimulatorProfile;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.Bar;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderSettings;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.store.Migrations;
import dev.barfill.sink.SinkConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scale-out and failover on real parts: one in-process KRaft broker and one embedded PostgreSQL,
 * two planners, three fetchers and two sinks, each with its own clients and state directory in the
 * same consumer groups. One planner and one fetcher run as {@code barfill planner|fetcher} child
 * JVMs and are SIGKILLed mid-run, so they die without closing, committing offsets or committing
 * their open transaction; the survivors take their partitions over and must finish every job with
 * every trading day stored once: one coverage row and exactly the bars served for it, counted once by
 * its job (a day the killed fetcher had sent but not committed may be fetched and written again, with
 * the same bars). Under each simulator profile: the realistic one's thin days and null rows leave
 * bars out.
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

    @ParameterizedTest
    @EnumSource(SimulatorProfile.class)
    void shouldLandEveryTradingDayExactlyOnceWhenAPlannerAndAFetcherAreKilledMidRun(SimulatorProfile profile)
            throws Exception {
        EmbeddedDatabase database = track(EmbeddedDatabase.start(dir.resolve("postgres"), Ports.free()));
        EmbeddedKafka kafka = track(EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free()));
        HikariDataSource pool = track(Database.pool(new DatabaseSettings(database.jdbcUrl(), database.user(), "", 8),
                "scale-out"));
        Migrations.migrate(pool);
        // Slow enough answers that the run is still going when the victims are killed.
        YahooSimulator simulator = track(new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ofMillis(150), 0).withProfile(profile).start());
        ServedDays served = new ServedDays(simulator.realistic());
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "barfill.", 6, (short) 1);
        Roles.ensureTopics(settings);
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
        Map<String, String> env = Map.of("BARFILL_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "BARFILL_DB_URL", database.jdbcUrl());
        ChildJvm sink = track(ChildJvm.start(dir.resolve("sink-2.log"), env, "sink"));
        int apiPort = Ports.free();
        // The API role secured by its own settings: keys from the environment, as in production.
        Map<String, String> apiEnv = new java.util.HashMap<>(env);
        apiEnv.put("BARFILL_API_KEYS", "ops:" + API_SECRET + ":read|write");
        ChildJvm api = track(ChildJvm.start(dir.resolve("api.log"), apiEnv, "api", "--set", "api.port=" + apiPort));
        String[] shared = {"--set", "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--set", "db.url=" + database.jdbcUrl()};
        ChildJvm plannerVictim = track(ChildJvm.start(dir.resolve("planner-2.log"), concat(new String[] {"planner",
            "--set", "planner.state-dir=" + dir.resolve("planner-2")}, shared)));
        ChildJvm fetcherVictim = track(ChildJvm.start(dir.resolve("fetcher-3.log"), concat(new String[] {"fetcher",
            "--set", "fetcher.provider-url=" + simulator.baseUrl(), "--set", "fetcher.concurrency=2"}, shared)));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
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
        System.out.printf("scale-out (%s): victims killed with %d of %d days stored; all done %.1f s after the requests%n",
                profile, storedAtKill, SYMBOLS * DAYS, (System.nanoTime() - t0) / 1e9);
        // The sinks say WRITTEN once per write of a day: a day fetched again after the fetcher's kill
        // (its bars acknowledged, its chunk not yet committed) is written again, and must hold the same bars.
        Map<String, List<Integer>> writes = writes(kafka.bootstrapServers(), settings);
        long bars = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            String symbol = symbols().get(i);
            String id = jobIds.get(i);
            List<List<Bar>> days = WINDOW.sessions().stream().map(s -> served.day(symbol, s)).toList();
            long symbolBars = days.stream().mapToLong(List::size).sum();
            bars += symbolBars;
            // Each day counted once by its job: a day settled twice would add its bars twice.
            JobProgress job = client.job(id).orElseThrow();
            assertThat(job.progress()).as(id).isEqualTo(100);
            assertThat(job.totalDays()).as(id).isEqualTo(DAYS);
            assertThat(job.doneDays()).as(id).isEqualTo(DAYS);
            assertThat(job.failedDays()).as(id).isZero();
            assertThat(job.barsWritten()).as(id).isEqualTo(symbolBars);
            // One coverage row for each session of the window and no other, counting what that day holds.
            assertThat(coverage(pool, symbol)).as(symbol).containsExactlyElementsOf(IntStream.range(0, DAYS)
                    .mapToObj(d -> expectedCoverage(WINDOW.sessions().get(d), days.get(d))).toList());
            List<Bar> stored = StoredBars.stored(pool, symbol, Timeframe.M15);
            for (int d = 0; d < DAYS; d++) {
                Session session = WINDOW.sessions().get(d);
                assertThat(stored.stream().filter(b -> session.contains(b.ts())).toList())
                        .as("%s on %s", symbol, session.day()).containsExactlyElementsOf(days.get(d));
                int kept = days.get(d).size();
                assertThat(writes.get(symbol + " " + session.day())).as("writes of %s on %s", symbol, session.day())
                        .isNotEmpty().allMatch(n -> n == kept);
            }
            assertThat(stored).as("%s: no bar outside the window's sessions", symbol).hasSize((int) symbolBars);
        }
        assertThat(Sql.count(pool, "SELECT count(*) FROM ohlc_bars")).isEqualTo(bars);
        assertThat(writes).as("only the window's days were written").hasSize(SYMBOLS * DAYS);
        System.out.printf("scale-out (%s): %d of %d days written more than once, each time with the same bars%n",
                profile, writes.values().stream().filter(w -> w.size() > 1).count(), SYMBOLS * DAYS);
        if (profile == SimulatorProfile.REALISTIC) {
            assertThat(bars).as("thin days and null rows left bars out").isLessThan((long) SYMBOLS * BARS);
            assertThat(simulator.libraryAgentRequests()).isZero();
        } else {
            assertThat(bars).isEqualTo((long) SYMBOLS * BARS);
        }

        // SIGTERM is the clean stop: the sink leaves its group at once instead of after a session timeout.
        assertThat(sink.terminate()).as(sink.output()).isEqualTo(143);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(members(admin, "barfill-sink")).isEqualTo(1);
        }
        assertThat(sink.output()).contains("effective config:", "db.url=" + database.jdbcUrl() + " (env)");
    }

    /**
     * The bars a correct client keeps from what the simulator served for one day: the whole day from
     * the kind profile, {@link RealisticMarket#keptBars} from the realistic one.
     */
    private record ServedDays(java.util.Optional<RealisticMarket> realistic) {
        private static final SimulatedMarket KIND = new SimulatedMarket(CalendarRegistry.defaults());

        List<Bar> day(String symbol, Session session) {
            Symbol s = Symbol.parse(symbol);
            return realistic.map(r -> r.keptBars(s, Timeframe.M15.length(), session.day()))
                    .orElseGet(() -> KIND.bars(s, Timeframe.M15.length(), session.open(), session.close()));
        }
    }

    /** One {@code bar_coverage} row as compared here. */
    private record CoverageRow(LocalDate day, int barCount, int expectedBars, boolean complete) {
    }

    private static CoverageRow expectedCoverage(Session session, List<Bar> kept) {
        int expected = session.expectedBars(Timeframe.M15);
        return new CoverageRow(session.day(), kept.size(), expected, kept.size() == expected);
    }

    private static List<CoverageRow> coverage(DataSource db, String symbol) throws SQLException {
        List<CoverageRow> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT day, bar_count, expected_bars, complete FROM bar_coverage WHERE symbol = ? AND timeframe = ?"
                        + " ORDER BY day")) {
            ps.setString(1, symbol);
            ps.setString(2, Timeframe.M15.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CoverageRow(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3),
                            rs.getBoolean(4)));
                }
            }
        }
        return out;
    }

    /** The bar count of every WRITTEN event, by {@code "SYMBOL day"}, in the order written. */
    private static Map<String, List<Integer>> writes(String bootstrapServers, KafkaSettings settings) {
        String topic = settings.topics().chunkEvents.name();
        Map<String, List<Integer>> out = new java.util.HashMap<>();
        try (KafkaConsumer<String, ChunkEvent> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed"), new StringDeserializer(),
                settings.topics().chunkEvents.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            await("chunk-events read to the end").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, ChunkEvent> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value().type() == ChunkEventType.WRITTEN) {
                        out.computeIfAbsent(r.value().symbol() + " " + r.value().day(), k -> new ArrayList<>())
                                .add(r.value().barCount());
                    }
                }
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
        }
        return out;
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

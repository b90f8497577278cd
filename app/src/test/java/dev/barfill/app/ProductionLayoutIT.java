package dev.barfill.app;

import dev.barfill.app.role.Resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.config.DatabaseSettings;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production layout as a user runs it, every part in a process of its own: a standalone Kafka
 * broker ({@code kafka.Kafka server.properties} after {@code kafka.tools.StorageTool format}, as
 * Kafka's start script runs it) whose only client listener requires SASL/PLAIN; a PostgreSQL server
 * (zonky's binaries: the postgres server runs as its own OS process); and every role started by the
 * README's command, {@code java -jar app/target/barfill.jar ROLE --config docker/barfill.properties},
 * configured through the environment as docker-compose.yml does (the SASL login from a file via
 * {@code BARFILL_KAFKA_CLIENT_SASL_JAAS_CONFIG_FILE}): migrate, sink, planner, two fetchers and the
 * API with keys. A bulk request completes with every bar stored exactly once; every role answers
 * {@code /health/ready} and serves its meters at {@code /metrics}; a SIGKILLed fetcher's endpoints
 * vanish, a second bulk request is sent while it is dead, and once restarted it rejoins and that
 * request completes exact too.
 */
@Tag("date-sensitive")
@Timeout(400)
class ProductionLayoutIT {
    private static final String API_SECRET = "layout-secret-77";
    private static final String KAFKA_PASSWORD = "barfill-kafka-secret";
    private static final int SYMBOLS = 8;
    private static final RecentSessions WINDOW = RecentSessions.last(5);
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
    void shouldRunEveryRoleFromTheJarAgainstAStandaloneSaslBrokerAndPostgresServer() throws Exception {
        long t0 = System.nanoTime();
        int kafkaPort = Ports.free();
        ChildJvm broker = track(startBroker(kafkaPort));
        EmbeddedDatabase database = track(EmbeddedDatabase.start(dir.resolve("postgres"), Ports.free()));
        HikariDataSource pool = track(Database.pool(new DatabaseSettings(database.jdbcUrl(), database.user(), "", 4),
                "layout-test"));
        int simulatorPort = Ports.free();
        ChildJvm simulator = track(ChildJvm.jar(dir.resolve("simulator.log"), Map.of(), "simulator",
                "--port", Integer.toString(simulatorPort), "--bind", "127.0.0.1", "--latency-ms", "20"));

        Path jaas = dir.resolve("kafka-jaas.conf");
        Files.writeString(jaas, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"barfill\" password=\"" + KAFKA_PASSWORD + "\";\n");
        Map<String, String> env = new HashMap<>();
        env.put("BARFILL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("BARFILL_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("BARFILL_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN");
        env.put("BARFILL_KAFKA_CLIENT_SASL_JAAS_CONFIG_FILE", jaas.toString());
        env.put("BARFILL_DB_URL", database.jdbcUrl());
        env.put("BARFILL_DB_USER", database.user());
        env.put("BARFILL_FETCHER_PROVIDER_URL", "http://127.0.0.1:" + simulatorPort);
        env.put("BARFILL_PLANNER_STATE_DIR", dir.resolve("planner-state").toString());

        ChildJvm migrate = ChildJvm.jar(dir.resolve("migrate.log"), env, "migrate", "--config", "docker/barfill.properties");
        assertThat(migrate.waitFor(120)).as(migrate.output()).isZero();

        Map<String, Management> endpoints = new LinkedHashMap<>();
        Map<String, ChildJvm> roles = new LinkedHashMap<>();
        int apiPort = Ports.free();
        for (String name : List.of("sink", "planner", "fetcher-1", "fetcher-2", "api")) {
            int management = Ports.free();
            Map<String, String> roleEnv = new HashMap<>(env);
            roleEnv.put("BARFILL_MANAGEMENT_PORT", Integer.toString(management));
            if (name.equals("api")) {
                roleEnv.put("BARFILL_API_KEYS", "ops:" + API_SECRET + ":read|write");
                roleEnv.put("BARFILL_API_PORT", Integer.toString(apiPort));
            }
            endpoints.put(name, new Management(management));
            roles.put(name, track(startRole(name, roleEnv)));
        }
        await("every role ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .failFast("a role or the broker died", () -> !broker.isAlive() || !simulator.isAlive()
                        || roles.values().stream().anyMatch(r -> !r.isAlive()))
                .untilAsserted(() -> endpoints.forEach((name, m) ->
                        assertThat(m.get("/health/ready")).as(name).extracting(Management.Answer::status).isEqualTo(200)));
        System.out.printf("layout: broker, PostgreSQL and 5 roles ready %.1f s after the start%n", (System.nanoTime() - t0) / 1e9);

        ApiClient client = new ApiClient("http://127.0.0.1:" + apiPort, API_SECRET);
        assertThat(unkeyedWrite(apiPort)).as("the API role's keys hold").isEqualTo(401);
        List<String> first = bulk(client, "A");
        awaitDoneExact(client, pool, first, 1);

        // Every role's meters: JVM everywhere, its Kafka clients, and the pipeline's own. Kept in
        // target/ for whoever checks the names docs/OPERATIONS.md lists.
        for (var e : endpoints.entrySet()) {
            Files.writeString(Path.of("target", "layout-metrics-" + e.getKey() + ".txt"), e.getValue().metrics());
        }
        assertThat(endpoints.get("fetcher-1").metrics()).contains("jvm_memory_used_bytes", "kafka_consumer_fetch_manager",
                "kafka_producer_", "barfill_provider_requests_total", "barfill_provider_latency_seconds");
        assertThat(endpoints.get("sink").metrics()).contains("jvm_gc_", "kafka_consumer_fetch_manager_records_lag_max",
                "barfill_sink_days_written_total", "barfill_sink_bars_written_total", "hikaricp_connections_active");
        assertThat(endpoints.get("planner").metrics()).contains("jvm_threads_", "kafka_stream_", "hikaricp_connections");
        // The API reads lag from the cluster at most every 10 s, and a group shows from the read after it is first seen.
        await("consumer lag of the sink and planner groups").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(endpoints.get("api").metrics())
                        .contains("barfill_consumer_lag{group=\"barfill-sink\"}",
                                "barfill_consumer_lag{group=\"barfill-planner\"}"));
        assertThat(endpoints.get("api").metrics()).contains("jvm_memory_used_bytes", "barfill_jobs{status=\"DONE\"}",
                "kafka_producer_", "hikaricp_connections", "barfill_dlq_records{topic=\"barfill.bars.dlq\"} 0",
                "barfill_consumer_lag{group=\"barfill-sink\"}", "barfill_consumer_lag{group=\"barfill-planner\"}");
        assertThat(counter(endpoints.get("sink").metrics(), "barfill_sink_bars_written_total"))
                .isGreaterThanOrEqualTo((double) SYMBOLS * BARS);
        assertThat(gauge(endpoints.get("api").metrics(), "barfill_jobs{status=\"DONE\"}")).isEqualTo((double) SYMBOLS);
        assertThat(ComposeHealthcheck.run(endpoints.get("sink").port())).as("compose health check of the sink").isZero();
        assertDashboardQueriesKnownMeters(endpoints);

        // SIGKILL: no clean close; its endpoints vanish with it, and its partitions wait for the session timeout.
        ChildJvm victim = roles.get("fetcher-1");
        victim.kill();
        assertThat(endpoints.get("fetcher-1").ready()).as("a killed fetcher answers nothing").isEqualTo(-1);
        List<String> second = bulk(client, "B");
        Map<String, String> restartEnv = new HashMap<>(env);
        restartEnv.put("BARFILL_MANAGEMENT_PORT", Integer.toString(endpoints.get("fetcher-1").port()));
        ChildJvm restarted = track(startRole("fetcher-1-restarted", restartEnv));
        await("the restarted fetcher ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .failFast("the restarted fetcher died", () -> !restarted.isAlive())
                .until(() -> endpoints.get("fetcher-1").ready() == 200);
        awaitDoneExact(client, pool, second, 2);
        System.out.printf("layout: both bulk requests exact, %.1f s in all%n", (System.nanoTime() - t0) / 1e9);
        assertThat(restarted.output()).contains("kafka.client.sasl.jaas.config=**** (env)").doesNotContain(KAFKA_PASSWORD);
    }

    /** The broker in its own JVM, as {@code bin/kafka-server-start.sh server.properties} runs it. */
    private ChildJvm startBroker(int port) throws Exception {
        Path kafkaDir = dir.resolve("kafka");
        Files.createDirectories(kafkaDir);
        LinkedHashMap<String, String> users = new LinkedHashMap<>();
        users.put("broker", "broker-secret");
        users.put("barfill", KAFKA_PASSWORD);
        Properties props = EmbeddedKafka.saslProperties(kafkaDir.resolve("logs"), port, Ports.free(), users);
        Path config = kafkaDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "standalone broker of ProductionLayoutIT");
        }
        ChildJvm format = ChildJvm.main(kafkaDir.resolve("format.log"), "kafka.tools.StorageTool", "format",
                "-t", UUID.randomUUID().toString(), "-c", config.toString(), "--standalone");
        assertThat(format.waitFor(60)).as(format.output()).isZero();
        ChildJvm broker = ChildJvm.main(kafkaDir.resolve("broker.log"), "kafka.Kafka", config.toString());
        await("the broker listening").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("the broker exited", () -> !broker.isAlive())
                .until(() -> Ports.inUse(port));
        return broker;
    }

    /** {@code java -jar app/target/barfill.jar ROLE --config docker/barfill.properties}, as the README has it. */
    private ChildJvm startRole(String name, Map<String, String> env) throws Exception {
        String role = name.replaceAll("-.*", "");
        return ChildJvm.jar(dir.resolve(name + ".log"), env, role, "--config", "docker/barfill.properties");
    }

    private static List<String> bulk(ApiClient client, String prefix) throws Exception {
        List<String> symbols = IntStream.range(0, SYMBOLS).mapToObj(i -> prefix + "L" + i).toList();
        JsonNode answer = client.ensureCoverage(new BulkCoverageRequest(symbols, "15m", WINDOW.from(), WINDOW.to(),
                null, null, "layout-test"));
        assertThat(answer.path("queued").asInt()).as(answer.toString()).isEqualTo(SYMBOLS);
        List<String> jobs = new ArrayList<>();
        answer.path("results").forEach(r -> jobs.add(r.path("answer").path("jobId").asText()));
        return jobs;
    }

    private static void awaitDoneExact(ApiClient client, HikariDataSource pool, List<String> jobIds, int requests) {
        await("every job done").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String id : jobIds) {
                        assertThat(client.job(id)).as(id).hasValueSatisfying(j ->
                                assertThat(j.status()).isEqualTo(JobStatus.DONE));
                    }
                });
        try {
            for (String id : jobIds) {
                JobProgress job = client.job(id).orElseThrow();
                assertThat(job.doneDays()).as(id).isEqualTo(DAYS);
                assertThat(job.failedDays()).as(id).isZero();
                assertThat(job.barsWritten()).as(id).isEqualTo((long) BARS);
            }
            long symbols = (long) SYMBOLS * requests;
            assertThat(Sql.count(pool, "SELECT count(*) FROM ohlc_bars")).isEqualTo(symbols * BARS);
            assertThat(StoredBars.assertEverySymbolServedBySimulator(pool, Timeframe.M15, WINDOW.sessions()))
                    .hasSize((int) symbols);
            assertThat(StoredBars.assertCoverageAgreesWithBars(pool)).isEqualTo(symbols * DAYS);
            assertThat(Sql.count(pool, "SELECT count(*) FROM bar_coverage WHERE complete")).isEqualTo(symbols * DAYS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int unkeyedWrite(int apiPort) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apiPort + "/v1/coverage")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    /** Every series the Grafana dashboard queries is one some role serves. */
    private static void assertDashboardQueriesKnownMeters(Map<String, Management> endpoints) throws Exception {
        StringBuilder all = new StringBuilder();
        endpoints.values().forEach(m -> all.append(m.metrics()));
        for (String name : DashboardMeters.queried()) {
            assertThat(all.toString()).as("a series the dashboard queries").containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    private static double counter(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double gauge(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series.substring(0, series.length() - 1)))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}

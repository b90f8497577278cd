package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.HealthCheck;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.TopicAdmin;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.StoredCoverageLookup;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.planner.PlannerHealth;
import dev.barfill.planner.PlannerService;
import dev.barfill.store.Migrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on a real broker and a real PostgreSQL, under faults: poison records written by a
 * plain Kafka client on every input, and PostgreSQL stopped while requests arrive. Windows are the
 * last closed sessions at the process clock ({@link RecentSessions}), so the test does not age.
 */
@Tag("date-sensitive")
@Timeout(300)
class PlannerFaultsIT {
    private static final RecentSessions WINDOW = RecentSessions.last(5);

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static EmbeddedDatabase database;
    static int pgPort;
    static HikariDataSource pool;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free());
        pgPort = Ports.free();
        database = EmbeddedDatabase.start(dir.resolve("pg"), pgPort);
        // The role's own pool, with Hikari's 30 s connection timeout: the planner must bound the wait itself.
        pool = Database.pool(new DatabaseSettings(database.jdbcUrl(), database.user(), "", 2), "planner-faults-it");
        Migrations.migrate(pool);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {pool, database, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static KafkaSettings settings(String prefix) {
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), prefix, 3, (short) 1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, settings.topics().all(), (short) 1);
        }
        return settings;
    }

    private static PlannerService planner(KafkaSettings settings) {
        return planner(settings, Duration.ofHours(6), Duration.ofMinutes(1));
    }

    private static PlannerService planner(KafkaSettings settings, Duration flightTimeout, Duration flightCheck) {
        PlannerConfig config = new PlannerConfig(settings, settings.topicPrefix() + "planner",
                dir.resolve(settings.topicPrefix() + "state"), 400, 1, dev.barfill.core.HistoryLimits.yahoo(),
                flightTimeout, flightCheck, Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(2));
        PlannerService planner = new PlannerService(config, CalendarRegistry.defaults(), new StoredCoverageLookup(pool),
                RecentSessions.clock());
        planner.start();
        return planner;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static byte[] request(String symbol) throws Exception {
        return Json.mapper().writeValueAsBytes(CoverageRequest.ofRange(symbol, "15m", WINDOW.from(), WINDOW.to()));
    }

    /** Every committed record of {@code topic} so far. */
    private static <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed"), new StringDeserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, V>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return all;
        }
    }

    private static Map<String, JobProgress> latestJobs(Topics topics) {
        Map<String, JobProgress> latest = new LinkedHashMap<>();
        readAll(topics.jobProgress).forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void storeComplete(String symbol, LocalDate day) throws Exception {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bar_coverage (symbol, timeframe, day, bar_count, expected_bars, complete, provider)"
                        + " VALUES (?, '15m', ?, 26, 26, true, 'test')")) {
            ps.setString(1, symbol);
            ps.setDate(2, Date.valueOf(day));
            ps.executeUpdate();
        }
    }

    @Test
    void shouldDeadLetterPoisonFromAPlainProducerOnEveryInputAndPlanTheGoodRequestAfterIt() throws Exception {
        KafkaSettings settings = settings("poison.");
        Topics topics = settings.topics();
        try (PlannerService planner = planner(settings); KafkaProducer<String, byte[]> producer = producer()) {
            String outside = "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"1999-01-04\",\"to\":\"1999-01-08\"}";
            send(producer, topics.coverageRequests.name(), "AAPL:15m", "{not json".getBytes(StandardCharsets.UTF_8));
            send(producer, topics.coverageRequests.name(), "AAPL:15m", outside.getBytes(StandardCharsets.UTF_8));
            send(producer, topics.chunkEvents.name(), "AAPL:15m", "\u0000\u0001 no event".getBytes(StandardCharsets.UTF_8));
            send(producer, topics.jobCommands.name(), "AAPL:15m", "[]".getBytes(StandardCharsets.UTF_8));
            // As kcat sends it: its CRC32 partitioner picks another partition than Java's murmur2 would.
            int javaPartition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils
                    .murmur2("AAPL:15m".getBytes(StandardCharsets.UTF_8))) % 3;
            producer.send(new ProducerRecord<>(topics.coverageRequests.name(), (javaPartition + 1) % 3, "AAPL:15m",
                    request("AAPL"))).get();

            await().atMost(Duration.ofMinutes(2)).until(() -> readAll(topics.chunks).size() == WINDOW.days());
            // Sent again to the partition of its series, so the task that sees the series' events plans it.
            assertThat(readAll(topics.coverageRequests)).filteredOn(r -> r.headers().lastHeader(
                    "barfill.planner.rerouted") != null).singleElement()
                    .satisfies(r -> assertThat(r.partition()).isEqualTo(javaPartition));
            List<ConsumerRecord<String, byte[]>> refused = readAll(topics.coverageRequestsDlq);
            assertThat(refused).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("{not json", outside);
            assertThat(header(refused.get(0), DeadLetters.CLASS)).isEqualTo("UNDECODABLE");
            assertThat(header(refused.get(1), DeadLetters.FIELD)).isEqualTo("from");
            assertThat(header(refused.get(1), DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.coverageRequests.name());
            assertThat(readAll(topics.chunkEventsDlq)).singleElement()
                    .satisfies(r -> assertThat(header(r, DeadLetters.STAGE)).isEqualTo("planner"));
            assertThat(readAll(topics.jobCommandsDlq)).singleElement()
                    .satisfies(r -> assertThat(header(r, DeadLetters.CLASS)).isEqualTo("UNDECODABLE"));
            assertThat(latestJobs(topics).values()).singleElement()
                    .satisfies(j -> assertThat(j.pendingDays()).hasSize(WINDOW.days()));
            assertThat(planner.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void shouldKeepRequestsWhilePostgresIsDownAndPlanEachExactlyOnceAgainstItsCoverageWhenItIsBack()
            throws Exception {
        KafkaSettings settings = settings("outage.");
        Topics topics = settings.topics();
        storeComplete("MSFT", WINDOW.from());
        try (PlannerService planner = planner(settings); KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topics.coverageRequests.name(), "AAPL:15m", request("AAPL"));
            await().atMost(Duration.ofMinutes(2)).until(() -> readAll(topics.chunks).size() == WINDOW.days());

            database.close();
            send(producer, topics.coverageRequests.name(), "MSFT:15m", request("MSFT"));
            send(producer, topics.coverageRequests.name(), "NVDA:15m", request("NVDA"));
            await().atMost(Duration.ofMinutes(1)).until(() ->
                    planner.health().current().status() == PlannerHealth.Status.DEGRADED);
            assertThat(planner.health().current().lastError()).isNotBlank();
            HealthCheck readiness = Roles.plannerReadiness(planner);
            assertThat(readiness.check().up()).isFalse();
            assertThat(readiness.check().detail()).startsWith("DEGRADED, last error: ");
            // Kept, not planned blind and not skipped; the stream thread lives on.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    readAll(topics.chunks).size() == WINDOW.days()
                            && planner.state() == KafkaStreams.State.RUNNING);

            database = EmbeddedDatabase.start(dir.resolve("pg"), pgPort);
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    planner.health().current().status() == PlannerHealth.Status.UP
                            && readAll(topics.chunks).size() == 3 * WINDOW.days() - 1);
            assertThat(readiness.check().up()).isTrue();
            Map<String, List<LocalDate>> planned = readAll(topics.chunks).stream().map(ConsumerRecord::value)
                    .collect(Collectors.groupingBy(ChunkTask::symbol,
                            Collectors.mapping(ChunkTask::day, Collectors.toList())));
            assertThat(planned.get("AAPL")).hasSize(WINDOW.days()).doesNotHaveDuplicates();
            assertThat(planned.get("NVDA")).hasSize(WINDOW.days()).doesNotHaveDuplicates();
            // MSFT was planned against the coverage read after the outage: its stored day is not fetched.
            assertThat(planned.get("MSFT")).hasSize(WINDOW.days() - 1).doesNotContain(WINDOW.from());
            Map<String, JobProgress> jobs = latestJobs(topics);
            assertThat(jobs).hasSize(3);
            assertThat(jobs.values()).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.PLANNED));
            assertThat(readAll(topics.coverageRequestsDlq)).isEmpty();
        }
    }

    @Test
    void shouldReportTheEndOfAStreamsClientThatWasNotClosed() {
        // No topics under this prefix: every stream thread dies on missing source topics, is
        // replaced, and after five deaths the client shuts down, which the role turns into exit 1.
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "missing.", 3, (short) 1);
        try (PlannerService planner = planner(settings)) {
            // The dying threads' exceptions are expected here.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(3)).until(() -> planner.ended().isDone());
            assertThat(planner.ended().join()).isEqualTo(KafkaStreams.State.ERROR);
        }
    }

    @Test
    void shouldPlanADayWithNoOutcomeAgainThenFailItSoTheJobEnds() throws Exception {
        KafkaSettings settings = settings("deadline.");
        Topics topics = settings.topics();
        // Nobody fetches: every chunk is lost. Records sent by the deadline punctuator carry real
        // time stamps, also when the process clock is shifted (the broker refuses far-future ones).
        try (PlannerService planner = planner(settings, Duration.ofSeconds(3), Duration.ofMillis(500));
             KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topics.coverageRequests.name(), "AAPL:15m", request("AAPL"));
            await().atMost(Duration.ofMinutes(2)).until(() -> latestJobs(topics).values().stream()
                    .anyMatch(j -> j.status() == JobStatus.DONE_WITH_ERRORS));

            JobProgress ended = latestJobs(topics).values().iterator().next();
            assertThat(ended.failedDays()).isEqualTo(WINDOW.days());
            assertThat(ended.progress()).isEqualTo(100);
            assertThat(ended.lastErrors()).allSatisfy(e -> assertThat(e).contains("no outcome within PT3S"));
            List<ChunkTask> chunks = readAll(topics.chunks).stream().map(ConsumerRecord::value).toList();
            // Each day planned, then planned once more with a later plan time, and no more.
            assertThat(chunks).hasSize(2 * WINDOW.days());
            assertThat(chunks.stream().map(ChunkTask::plannedAt).distinct()).hasSizeGreaterThan(1);
            // Both flights of every day are marked cancelled (a compacted topic: count the days).
            assertThat(readAll(topics.chunkCancellations).stream().map(ConsumerRecord::key).distinct())
                    .hasSize(WINDOW.days());
            assertThat(planner.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.dlq.DlqCommand;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.ProviderSettings;
import dev.barfill.fetcher.retry.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code barfill dlq list|replay} on the whole embedded stack: what an operator sees in each DLQ,
 * what goes back, and that the pipeline then finishes the work. The provider sits behind a
 * {@link ProviderSwitch} so a test can refuse or fail a symbol and then fix it. Tests run in order:
 * the first reads the request DLQ before anything else writes to it.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("date-sensitive")
class DlqCommandIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final RetryPolicy SHORT_TIERS = new RetryPolicy(List.of(Duration.ofMillis(200),
            Duration.ofMillis(300), Duration.ofMillis(400)), 0.2);

    @TempDir
    static Path dir;
    private static ProviderSwitch provider;
    private static EmbeddedStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        provider = new ProviderSwitch();
        stack = EmbeddedStack.start(dir, new EmbeddedStack.Options(0, Duration.ofMillis(10), 3,
                dev.barfill.app.simulator.SimulatorFaults.none(Duration.ofMillis(10)),
                f -> f.withRetry(SHORT_TIERS).withProviders(List.of(ProviderSettings.simulator(provider.baseUrl(),
                        dev.barfill.fetcher.FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE)))));
        provider.forwardTo(stack.simulator().baseUrl());
        api = new ApiClient(stack.apiUrl());
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(refused("AAPL:15m", "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\"}", "timeframe: unknown timeframe '7m'"));
            p.send(refused("MSFT:15m", "not json", "not a JSON coverage request")).get();
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> refused(String key, String value, String reason) {
        Headers h = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        h = DeadLetters.headers(h, DeadLetters.Failure.of("planner", DeadLetters.ErrorClass.INVALID, reason,
                Instant.now()), TOPICS.coverageRequests.name(), 2, 17);
        return new ProducerRecord<>(TOPICS.coverageRequestsDlq.name(), null, key, value.getBytes(StandardCharsets.UTF_8), h);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DlqCommand());
        cli.setOut(new PrintWriter(out));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "kafka.bootstrap-servers=" + stack.bootstrapServers()));
        int rc = cli.execute(all.toArray(String[]::new));
        assertThat(rc).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    @Order(1)
    void shouldListEveryDeadLetteredRequestWithItsReasonAndSource() {
        String listed = run("list", "--topic", "coverage-requests");

        assertThat(listed).contains("barfill.coverage-requests.dlq 0@0", "key=AAPL:15m",
                "barfill.error.reason: timeframe: unknown timeframe '7m'", "barfill.error.class: INVALID",
                "barfill.source.topic: barfill.coverage-requests", "barfill.source.offset: 17", "value: not json",
                "2 record(s) in barfill.coverage-requests.dlq");
    }

    @Test
    @Order(2)
    void shouldReplayAnInvalidRequestWithoutTheErrorHeadersAndSeeThePlannerRefuseItAgain() {
        String replayed = run("replay", "--topic", "coverage-requests", "--offset", "0@0");

        assertThat(replayed).contains("replayed barfill.coverage-requests <- barfill.coverage-requests.dlq/0@0",
                "1 record(s) replayed");
        List<ConsumerRecord<String, byte[]>> back = readAll(TOPICS.coverageRequests.name()).stream()
                .filter(r -> r.headers().lastHeader(DeadLetters.REPLAYED_FROM) != null).toList();
        assertThat(back).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("AAPL:15m");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"symbol\":\"AAPL\",\"timeframe\":\"7m\"}");
            assertThat(r.headers().toArray()).extracting(h -> h.key())
                    .containsExactlyInAnyOrder("traceparent", DeadLetters.REPLAYED_FROM);
        });
        // Still invalid: the planner refuses it again, to the same DLQ, with a reason.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(readAll(TOPICS.coverageRequestsDlq.name())).hasSize(3).last().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("AAPL:15m");
                    assertThat(DeadLetters.text(r.headers(), DeadLetters.REASON)).contains("7m");
                }));
    }

    @Test
    @Order(3)
    void shouldPlanAValidRequestReplayedFromTheRequestDlq() throws Exception {
        RecentSessions window = RecentSessions.last(2);
        byte[] request = Json.mapper().writeValueAsBytes(CoverageRequest.ofRange("DLQR", "15m", window.from(), window.to()));
        Headers h = DeadLetters.headers(new RecordHeaders(), DeadLetters.Failure.of("planner",
                DeadLetters.ErrorClass.PROCESSING, "coverage lookup failed", Instant.now()),
                TOPICS.coverageRequests.name(), 0, 5);
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(new ProducerRecord<>(TOPICS.coverageRequestsDlq.name(), null, "DLQR:15m", request, h)).get();
        }

        assertThat(run("replay", "--topic", "coverage-requests", "--key", "DLQR:15m")).contains("1 record(s) replayed");

        await().atMost(Duration.ofMinutes(2)).until(() ->
                count("SELECT count(*) FROM bar_coverage WHERE symbol = 'DLQR'") == window.days());
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol = 'DLQR'")).isEqualTo(window.bars(Timeframe.M15));
        JsonNode again = api.ensureCoverage(CoverageRequest.ofRange("DLQR", "15m", window.from(), window.to()));
        assertThat(again.path("hasCoverage").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void shouldReplayRefusedAndExhaustedChunksWithAFullRetryBudgetOnceTheProviderIsFixed() throws Exception {
        RecentSessions window = RecentSessions.last(2);
        provider.fail("DLQC", 404, Integer.MAX_VALUE);
        provider.fail("DLQE", 503, Integer.MAX_VALUE);
        List<String> jobs = new ArrayList<>();
        for (String symbol : List.of("DLQC", "DLQE")) {
            jobs.add(api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", window.from(), window.to()))
                    .path("jobId").asText());
        }
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (String id : jobs) {
                assertThat(api.job(id)).hasValueSatisfying(j -> {
                    assertThat(j.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
                    assertThat(j.failedDays()).isEqualTo(window.days());
                });
            }
        });
        List<ConsumerRecord<String, byte[]>> dead = readAll(TOPICS.chunksDlq.name());
        assertThat(dead).hasSize(2 * window.days());
        assertThat(dead).filteredOn(r -> r.key().equals("DLQC:15m")).hasSize(window.days()).allSatisfy(r -> {
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).isEqualTo("PERMANENT");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.ATTEMPT)).isEqualTo("1");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.STAGE)).isEqualTo("fetcher");
        });
        assertThat(dead).filteredOn(r -> r.key().equals("DLQE:15m")).hasSize(window.days()).allSatisfy(r -> {
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).isEqualTo("RETRIES_EXHAUSTED");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.ATTEMPT)).isEqualTo("4");
            assertThat(Instant.parse(DeadLetters.text(r.headers(), DeadLetters.FIRST_FAILED_AT)))
                    .isBefore(Instant.parse(DeadLetters.text(r.headers(), DeadLetters.LAST_FAILED_AT)));
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(TOPICS.chunksRetry.get(2).name());
        });

        // Fixed: the unknown symbol is known now; the outage is ending but still fails twice more.
        // A chunk replayed at attempt 4 would be dead-lettered on its first failure; from attempt 1 it gets through.
        provider.clear("DLQC");
        provider.fail("DLQE", 503, 2);
        assertThat(run("replay", "--topic", "chunks", "--all")).contains((2 * window.days()) + " record(s) replayed");

        await().atMost(Duration.ofMinutes(2)).until(() ->
                count("SELECT count(*) FROM bar_coverage WHERE symbol IN ('DLQC', 'DLQE')") == 2L * window.days());
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol IN ('DLQC', 'DLQE')"))
                .isEqualTo(2L * window.bars(Timeframe.M15));
        assertThat(readAll(TOPICS.chunksDlq.name())).as("nothing dead-lettered again").hasSize(2 * window.days());
        // The replayed days were the jobs' failed days: stored now, they complete the jobs.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String id : jobs) {
                assertThat(api.job(id)).hasValueSatisfying(j -> {
                    assertThat(j.status()).isEqualTo(JobStatus.DONE);
                    assertThat(j.failedDays()).isZero();
                    assertThat(j.doneDays()).isEqualTo(window.days());
                    assertThat(j.barsWritten()).isEqualTo(window.bars(Timeframe.M15));
                });
            }
        });
        for (String symbol : List.of("DLQC", "DLQE")) {
            JsonNode again = api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", window.from(), window.to()));
            assertThat(again.path("hasCoverage").asBoolean()).as(symbol).isTrue();
        }
    }

    @Test
    @Order(5)
    void shouldWriteADayReplayedFromTheBarsDlqOnceTheDatabaseAcceptsIt() throws Exception {
        RecentSessions window = RecentSessions.last(2);
        sql("ALTER TABLE ohlc_bars ADD CONSTRAINT dlq_it_refuses CHECK (symbol <> 'DLQB')");
        String job = api.ensureCoverage(CoverageRequest.ofRange("DLQB", "15m", window.from(), window.to()))
                .path("jobId").asText();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(api.job(job)).hasValueSatisfying(j ->
                assertThat(j.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS)));
        List<ConsumerRecord<String, byte[]>> dead = readAll(TOPICS.barsDlq.name());
        assertThat(dead).hasSize(window.days()).allSatisfy(r -> {
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).isEqualTo("REFUSED_BY_DATABASE");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SQLSTATE)).isEqualTo("23514");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.STAGE)).isEqualTo("sink");
        });
        assertThat(count("SELECT count(*) FROM bar_coverage WHERE symbol = 'DLQB'")).isZero();

        sql("ALTER TABLE ohlc_bars DROP CONSTRAINT dlq_it_refuses");
        assertThat(run("replay", "--topic", "bars", "--all")).contains(window.days() + " record(s) replayed");

        await().atMost(Duration.ofMinutes(1)).until(() ->
                count("SELECT count(*) FROM bar_coverage WHERE symbol = 'DLQB'") == window.days());
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol = 'DLQB'")).isEqualTo(window.bars(Timeframe.M15));
        assertThat(readAll(TOPICS.barsDlq.name())).hasSize(window.days());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(api.job(job)).hasValueSatisfying(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.DONE);
            assertThat(j.failedDates()).isEmpty();
        }));
    }

    @Test
    @Order(6)
    void shouldCancelARunningJobWithACommandReplayedFromTheJobCommandDlq() throws Exception {
        RecentSessions window = RecentSessions.last(1);
        provider.delay("DLQK", Duration.ofSeconds(20));
        String job = api.ensureCoverage(CoverageRequest.ofRange("DLQK", "15m", window.from(), window.to()))
                .path("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.job(job)).hasValueSatisfying(j ->
                assertThat(j.status().finished()).isFalse()));
        // A cancel the planner could not apply, dead-lettered with the convention's headers.
        byte[] command = Json.mapper().writeValueAsBytes(dev.barfill.core.JobCommand.cancel(job, Instant.now(), "dlq-it"));
        Headers h = DeadLetters.headers(new RecordHeaders().add("tenant", "blue".getBytes(StandardCharsets.UTF_8)),
                DeadLetters.Failure.of("planner", DeadLetters.ErrorClass.PROCESSING, "job store unavailable",
                        Instant.now()), TOPICS.jobCommands.name(), 1, 3);
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(new ProducerRecord<>(TOPICS.jobCommandsDlq.name(), null, "DLQK:15m", command, h)).get();
        }

        assertThat(run("list", "--topic", "job-commands")).contains("barfill.error.reason: job store unavailable",
                "1 record(s) in barfill.job-commands.dlq");
        assertThat(run("replay", "--topic", "job-commands", "--all")).contains("1 record(s) replayed");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.job(job)).hasValueSatisfying(j ->
                assertThat(j.status()).isEqualTo(JobStatus.CANCELLED)));
        assertThat(readAll(TOPICS.jobCommands.name())).filteredOn(r -> "DLQK:15m".equals(r.key())).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo(command);
                    assertThat(r.headers().toArray()).extracting(x -> x.key())
                            .containsExactlyInAnyOrder("tenant", DeadLetters.REPLAYED_FROM);
                });
        provider.clear("DLQK");
    }

    @Test
    @Order(7)
    void shouldReplayTheChunkEventDlqToChunkEventsAsItWas() throws Exception {
        byte[] event = ("{\"symbol\":\"DLQX\",\"timeframe\":\"15m\",\"day\":\"" + RecentSessions.last(1).to()
                + "\",\"type\":\"WRITTEN\",\"barCount\":26,\"rejectedBars\":0,\"provider\":\"yahoo\",\"reason\":null,"
                + "\"at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        Headers h = DeadLetters.headers(new RecordHeaders().add("tenant", "blue".getBytes(StandardCharsets.UTF_8)),
                DeadLetters.Failure.of("planner", DeadLetters.ErrorClass.PROCESSING, "settling failed", Instant.now()),
                TOPICS.chunkEvents.name(), 1, 3);
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(new ProducerRecord<>(TOPICS.chunkEventsDlq.name(), null, "DLQX:15m", event, h)).get();
        }

        assertThat(run("list", "--topic", "chunk-events")).contains("barfill.error.reason: settling failed",
                "1 record(s) in barfill.chunk-events.dlq");
        assertThat(run("replay", "--topic", "chunk-events", "--all")).contains("1 record(s) replayed");

        assertThat(readAll(TOPICS.chunkEvents.name())).filteredOn(r -> "DLQX:15m".equals(r.key())).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo(event);
                    assertThat(r.headers().toArray()).extracting(x -> x.key())
                            .containsExactlyInAnyOrder("tenant", DeadLetters.REPLAYED_FROM);
                });
    }

    private static long count(String sql) throws Exception {
        return Sql.count(stack.dataSource(), sql);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "isolation.level", "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return all;
        }
    }
}

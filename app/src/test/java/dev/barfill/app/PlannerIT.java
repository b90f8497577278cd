package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.StoredCoverageLookup;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.planner.PlannerService;
import dev.barfill.api.ApiConfig;
import dev.barfill.api.ApiServer;
import dev.barfill.api.BarsController;
import dev.barfill.store.BarsReader;
import dev.barfill.store.CoverageReader;
import dev.barfill.api.CoverageService;
import dev.barfill.api.JobProgressView;
import dev.barfill.api.RequestPublisher;
import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.kafka.CompactedTopicReader;
import dev.barfill.fetcher.ChunkCancellations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on real parts: a KRaft broker in process, coverage read from an (empty)
 * {@code bar_coverage} table in a real PostgreSQL. A planner closed while chunk events are still
 * arriving, and a new instance on the same state directory, keep every job's progress exact
 * (exactly_once_v2); a job cancelled over REST stops its chunks for a fetcher in another process.
 */
@Timeout(300)
class PlannerIT {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:00:00Z"), ZoneOffset.UTC);
    // 2026-11-02 .. 11-27: 19 sessions, Thanksgiving closed, the 27th an early close.
    static final LocalDate FROM = LocalDate.of(2026, 11, 2);
    static final LocalDate TO = LocalDate.of(2026, 11, 27);
    static final long BARS = 18 * 26 + 14;

    @TempDir
    static Path dir;
    static TestInfrastructure infra;
    static DataSource dataSource;

    @BeforeAll
    static void start() {
        infra = TestInfrastructure.start(dir);
        dataSource = infra.pool();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    /** Topics under their own prefix, so each test's planner sees only its own records. */
    static KafkaSettings settings(String prefix) {
        return infra.topics(prefix, 3);
    }

    static PlannerService planner(KafkaSettings settings, Path stateDir) {
        PlannerService planner = new PlannerService(new PlannerConfig(settings, settings.topicPrefix() + "planner",
                stateDir, 400, 1), CalendarRegistry.defaults(), new StoredCoverageLookup(dataSource), CLOCK);
        planner.start();
        return planner;
    }

    /** Every committed record of {@code topic} so far, in partition order. */
    static <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(Map.of("bootstrap.servers", infra.bootstrapServers(),
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

    static Map<String, JobProgress> latestJobs(Topics topics) {
        Map<String, JobProgress> latest = new LinkedHashMap<>();
        readAll(topics.jobProgress).forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", infra.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, String key, Object value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, Json.mapper().writeValueAsBytes(value))).get();
    }

    static int bars(LocalDate day) {
        return day.equals(TO) ? 14 : 26;
    }

    @Test
    void shouldKeepProgressExactWhenThePlannerIsClosedMidStreamAndRestartedOnItsState() throws Exception {
        KafkaSettings settings = settings("restart.");
        Topics topics = settings.topics();
        Path stateDir = dir.resolve("planner-state");
        List<String> symbols = List.of("AAPL", "MSFT");
        PlannerService first = planner(settings, stateDir);
        List<ChunkEvent> events = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String symbol : symbols) {
                send(producer, topics.coverageRequests.name(), symbol + ":15m",
                        CoverageRequest.ofRange(symbol, "15m", FROM, TO));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> readAll(topics.chunks).size() == 38);
            for (ConsumerRecord<String, ChunkTask> chunk : readAll(topics.chunks)) {
                ChunkTask task = chunk.value();
                events.add(new ChunkEvent(task.symbol(), Timeframe.M15, task.day(), ChunkEventType.WRITTEN,
                        bars(task.day()), 0, "yahoo", null, CLOCK.instant()));
            }
            List<ChunkEvent> firstHalf = events.subList(0, 19);
            for (ChunkEvent e : firstHalf) {
                send(producer, topics.chunkEvents.name(), e.series().key(), e);
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> latestJobs(topics).values().stream()
                    .mapToInt(JobProgress::doneDays).sum() == 19);

            // The rest, and the first half again, while the planner is being closed.
            for (ChunkEvent e : events.subList(19, 38)) {
                send(producer, topics.chunkEvents.name(), e.series().key(), e);
            }
            for (ChunkEvent e : firstHalf) {
                send(producer, topics.chunkEvents.name(), e.series().key(), e);
            }
            first.close();

            PlannerService second = planner(settings, stateDir);
            try {
                for (ChunkEvent e : events) {
                    send(producer, topics.chunkEvents.name(), e.series().key(), e);
                }
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(latestJobs(topics).values()).hasSize(2).allSatisfy(job -> {
                            assertThat(job.status()).isEqualTo(JobStatus.DONE);
                            assertThat(job.doneDays()).isEqualTo(19);
                        }));
            } finally {
                second.close();
            }
        }
        assertThat(readAll(topics.chunks)).hasSize(38);
        Map<String, List<JobProgress>> history = readAll(topics.jobProgress).stream().collect(
                Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        assertThat(history.values()).allSatisfy(updates -> {
            // Committed progress only ever moves forward and never counts a day twice.
            assertThat(updates).extracting(JobProgress::doneDays).isSorted().allMatch(d -> d <= 19);
            assertThat(updates).extracting(JobProgress::barsWritten).isSorted().allMatch(b -> b <= BARS);
            assertThat(updates.get(updates.size() - 1).barsWritten()).isEqualTo(BARS);
        });
    }

    @Test
    void shouldCancelAJobOverRestSoThatAFetcherInAnotherProcessSkipsItsChunks() throws Exception {
        KafkaSettings settings = settings("cancel.");
        Topics topics = settings.topics();
        CalendarRegistry calendars = CalendarRegistry.defaults();
        ChunkCancellations cancelled = new ChunkCancellations();
        try (PlannerService planner = planner(settings, dir.resolve("cancel-state"));
             JobProgressView jobs = new JobProgressView(settings);
             RequestPublisher publisher = new RequestPublisher(settings, Duration.ofSeconds(30));
             CompactedTopicReader<ChunkCancellation> fetcherSide = new CompactedTopicReader<>(
                     infra.bootstrapServers(), "it-fetcher-cancellations", topics.chunkCancellations, cancelled::apply);
             ApiServer api = new ApiServer(ApiConfig.defaults(0), new CoverageService(
                     new CoverageRequestValidator(calendars, 400, CLOCK), calendars, new CoverageReader(dataSource),
                     publisher), jobs, new BarsController(new BarsReader(dataSource), calendars, 1000)).start()) {
            jobs.start();
            fetcherSide.start();
            ApiClient client = new ApiClient("http://127.0.0.1:" + api.port());
            String jobId = client.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", FROM, TO)).path("jobId").asText();
            await().atMost(Duration.ofMinutes(2)).until(() -> client.job(jobId).isPresent());

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/v1/jobs/" + jobId)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(Json.mapper().readTree(response.body()).path("jobId").asText()).isEqualTo(jobId);

            await().atMost(Duration.ofMinutes(2)).until(() ->
                    client.job(jobId).map(j -> j.status() == JobStatus.CANCELLED).orElse(false));
            List<ChunkTask> planned = readAll(topics.chunks).stream().map(ConsumerRecord::value).toList();
            assertThat(planned).hasSize(19);
            await().atMost(Duration.ofMinutes(1)).until(() -> planned.stream().allMatch(cancelled::cancels));

            // Asked for again, the job is planned anew, and no marker stops the new chunks.
            client.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", FROM, TO));
            await().atMost(Duration.ofMinutes(2)).until(() -> readAll(topics.chunks).size() == 38);
            List<ChunkTask> again = readAll(topics.chunks).stream().map(ConsumerRecord::value)
                    .filter(t -> !planned.contains(t)).toList();
            assertThat(again).hasSize(19).noneMatch(cancelled::cancels);
            await().atMost(Duration.ofMinutes(1)).until(() ->
                    client.job(jobId).map(j -> j.status() == JobStatus.PLANNED || j.status() == JobStatus.RUNNING)
                            .orElse(false));
        }
    }
}

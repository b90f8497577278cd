package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.Bar;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Topics;
import dev.barfill.sink.SinkConfig;
import dev.barfill.sink.SinkHealth;
import dev.barfill.sink.SinkService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink on a real broker and a real PostgreSQL that is stopped and started again in the
 * middle of a stream of bars, and fed a day the table refuses.
 */
@Timeout(300)
class SinkOutageIT {
    private static final int BARS_PER_DAY = 26;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);

    @TempDir
    static Path dataDir;
    private static TestInfrastructure infra;
    private static HikariDataSource pool;
    private static SinkService sink;
    private static KafkaProducer<String, DayBars> producer;
    private static Topics topics;

    @BeforeAll
    static void start() {
        // Fail fast while the server is away so the test sees several retries, not one long wait.
        infra = TestInfrastructure.start(dataDir, TestInfrastructure.Options.defaults().withPoolSize(4).failingFast());
        pool = infra.pool();
        KafkaSettings settings = infra.topics("barfill.", 3);
        topics = settings.topics();
        sink = new SinkService(SinkConfig.defaults(settings).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                pool, Clock.systemUTC());
        sink.start();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", infra.bootstrapServers(), "acks", "all"),
                new StringSerializer(), topics.bars.valueSerde().serializer());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {producer, sink, infra}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void shouldLoseNothingAndDuplicateNothingWhenPostgresStopsAndStartsMidStream() throws Exception {
        List<DayBars> before = days("OUTA", 0, 30, 10);
        List<DayBars> during = days("OUTA", 30, 30, 10);
        send(before);
        await().atMost(Duration.ofMinutes(2)).until(() -> count("SELECT count(*) FROM bar_coverage WHERE symbol = 'OUTA'") == 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> committedBarsOffsets() == barsEndOffsets());
        long committedBefore = committedBarsOffsets();

        infra.stopDatabase();
        send(during);
        await().atMost(Duration.ofMinutes(1)).until(() -> !sink.health().up());
        SinkHealth.State degraded = sink.health().current();
        assertThat(degraded.lastError()).isNotBlank();
        // Paused and retrying: the group's offsets stay where the last written batch left them.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> committedBarsOffsets() == committedBefore && !sink.health().up());

        infra.startDatabase();
        // The pool may still hand out a connection from before the restart: that query fails and is asked again.
        await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> count("SELECT count(*) FROM bar_coverage WHERE symbol = 'OUTA'") == 60);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.health().up() && committedBarsOffsets() == committedBefore + 30);

        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol = 'OUTA'")).isEqualTo(60L * BARS_PER_DAY);
        StoredBars.assertStored(pool, "OUTA", Timeframe.M15, barsOf(before, during));
        StoredBars.assertCoverageAgreesWithBars(pool);
        Map<String, Long> written = eventsPerDay("OUTA", ChunkEventType.WRITTEN);
        assertThat(written).hasSize(60);
        assertThat(written.values()).allMatch(n -> n == 1L);
    }

    @Test
    void shouldSendAPoisonedDayAloneToTheDeadLetterTopicAndWriteTheOthersOnce() throws Exception {
        List<DayBars> days = new ArrayList<>(days("POIS", 0, 6, 10));
        DayBars poisoned = days("POIS", 6, 1, -3).get(0);
        days.add(3, poisoned);
        days.add(days.get(0));
        DayBars malformed = days("POIS", 0, 1, 10).get(0);
        days.add(new DayBars("pois?", malformed.timeframe(), malformed.day(), malformed.provider(), malformed.bars(),
                malformed.expectedBars(), true, 0, malformed.fetchedAt()));
        send(days);

        await().atMost(Duration.ofMinutes(2)).until(() -> eventsPerDay("POIS", ChunkEventType.FAILED).size() == 1);
        await().atMost(Duration.ofMinutes(1)).until(() -> eventsPerDay("POIS", ChunkEventType.WRITTEN).size() == 6);
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol = 'POIS'")).isEqualTo(6L * BARS_PER_DAY);
        assertThat(count("SELECT count(*) FROM bar_coverage WHERE symbol = 'POIS'")).isEqualTo(6);
        StoredBars.assertStored(pool, "POIS", Timeframe.M15, barsOf(days("POIS", 0, 6, 10)));
        StoredBars.assertCoverageAgreesWithBars(pool);
        assertThat(eventsPerDay("POIS", ChunkEventType.FAILED)).containsOnlyKeys(poisoned.chunkKey().key());

        List<ConsumerRecord<String, byte[]>> dlq = readAll(topics.barsDlq.name(), new ByteArrayDeserializer()).stream()
                .filter(r -> r.key().toUpperCase(java.util.Locale.ROOT).startsWith("POIS")).toList();
        assertThat(dlq).hasSize(2);
        assertThat(dlq).allSatisfy(r -> {
            assertThat(DeadLetters.text(r.headers(), DeadLetters.STAGE)).isEqualTo("sink");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.bars.name());
        });
        assertThat(dlq).extracting(r -> DeadLetters.text(r.headers(), DeadLetters.CLASS))
                .containsExactlyInAnyOrder("INVALID", "REFUSED_BY_DATABASE");
        assertThat(dlq).filteredOn(r -> r.headers().lastHeader("barfill.error.sqlstate") == null).singleElement()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader("barfill.error.reason").value(),
                        StandardCharsets.UTF_8)).startsWith("invalid day of bars: symbol: malformed symbol 'pois?'"));
        assertThat(dlq).filteredOn(r -> r.headers().lastHeader("barfill.error.sqlstate") != null).singleElement().satisfies(r -> {
            assertThat(topics.bars.valueSerde().deserializer().deserialize(r.topic(), r.value())).isEqualTo(poisoned);
            assertThat(new String(r.headers().lastHeader("barfill.error.sqlstate").value(), StandardCharsets.UTF_8))
                    .isEqualTo("23514");
            assertThat(new String(r.headers().lastHeader("barfill.error.reason").value(), StandardCharsets.UTF_8))
                    .contains("check constraint");
        });
    }

    @Test
    void shouldReportARefusedDayFailedWhenItsRecordStillNamesIt() throws Exception {
        DayBars good = days("REFU", 0, 1, 10).get(0);
        String undecodable = "{\"symbol\":\"REFU\",\"timeframe\":\"15m\",\"day\":\"" + FIRST_DAY.plusDays(1)
                + "\",\"provider\":\"yahoo\",\"bars\":\"not a list\"}";
        DayBars noTs = days("REFU", 2, 1, 10).get(0);
        List<Bar> bars = new ArrayList<>(noTs.bars());
        bars.set(0, new Bar(null, 1, 2, 0.5, 1, 1));
        DayBars invalid = new DayBars("REFU", Timeframe.M15, noTs.day(), "yahoo", bars, BARS_PER_DAY, true, 0,
                noTs.fetchedAt());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                infra.bootstrapServers()), new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.bars.name(), "REFU:15m", undecodable.getBytes(StandardCharsets.UTF_8))).get();
            raw.send(new ProducerRecord<>(topics.bars.name(), "REFU:15m", "\u0000garbage".getBytes(StandardCharsets.UTF_8))).get();
        }
        send(List.of(invalid, good));

        await().atMost(Duration.ofMinutes(1)).until(() -> eventsPerDay("REFU", ChunkEventType.WRITTEN).size() == 1);
        await().atMost(Duration.ofMinutes(1)).until(() -> eventsPerDay("REFU", ChunkEventType.FAILED).size() == 2);
        assertThat(eventsPerDay("REFU", ChunkEventType.FAILED)).containsOnlyKeys(
                "REFU:15m:" + FIRST_DAY.plusDays(1), invalid.chunkKey().key());
        List<ConsumerRecord<String, byte[]>> dlq = readAll(topics.barsDlq.name(), new ByteArrayDeserializer()).stream()
                .filter(r -> r.key().equals("REFU:15m")).toList();
        // The garbage names no day: dead-lettered all the same, with no event to send.
        assertThat(dlq).extracting(r -> DeadLetters.text(r.headers(), DeadLetters.CLASS))
                .containsExactlyInAnyOrder("UNDECODABLE", "UNDECODABLE", "INVALID");
        assertThat(dlq).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).equals(undecodable)).singleElement()
                .satisfies(r -> assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_OFFSET)).isNotBlank());
        assertThat(count("SELECT count(*) FROM bar_coverage WHERE symbol = 'REFU'")).isEqualTo(1);
        StoredBars.assertStored(pool, "REFU", Timeframe.M15, good.bars());
        StoredBars.assertCoverageAgreesWithBars(pool);
    }

    private static List<DayBars> days(String symbol, int firstIndex, int n, double open) {
        List<DayBars> out = new ArrayList<>();
        for (int d = firstIndex; d < firstIndex + n; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            Instant t = day.atTime(14, 30).toInstant(ZoneOffset.UTC);
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < BARS_PER_DAY; i++) {
                bars.add(new Bar(t.plusSeconds(900L * i), open, Math.abs(open) + 1, 0.5, Math.abs(open), 100 + i));
            }
            out.add(new DayBars(symbol, Timeframe.M15, day, "yahoo", bars, BARS_PER_DAY, true, 0, t));
        }
        return out;
    }

    private static void send(List<DayBars> days) throws Exception {
        for (DayBars day : days) {
            producer.send(new ProducerRecord<>(topics.bars.name(), day.symbol() + ":" + day.timeframe().code(), day)).get();
        }
    }

    /** One number from the database; a failure is thrown, for the caller or its await to handle. */
    private static long count(String sql) throws SQLException {
        return Sql.count(pool, sql);
    }

    @SafeVarargs
    private static List<Bar> barsOf(List<DayBars>... dayLists) {
        List<Bar> out = new ArrayList<>();
        for (List<DayBars> days : dayLists) {
            days.forEach(d -> out.addAll(d.bars()));
        }
        return out;
    }

    private static long committedBarsOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets("barfill-sink").partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> e.getKey().topic().equals(topics.bars.name()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static long barsEndOffsets() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", infra.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topics.bars.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<String, Long> eventsPerDay(String symbol, ChunkEventType type) {
        return readAll(topics.chunkEvents.name(), topics.chunkEvents.valueSerde().deserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.symbol().equals(symbol) && e.type() == type)
                .collect(Collectors.groupingBy(e -> e.chunkKey().key(), Collectors.counting()));
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(String topic,
                                                                org.apache.kafka.common.serialization.Deserializer<V> values) {
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(Map.of("bootstrap.servers", infra.bootstrapServers()),
                new StringDeserializer(), values)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, V>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return all;
        }
    }

}

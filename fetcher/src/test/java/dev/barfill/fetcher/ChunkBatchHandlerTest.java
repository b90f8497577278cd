package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Polled;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.fetcher.route.CircuitBreaker;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import dev.barfill.fetcher.route.TokenBucket;
import dev.barfill.fetcher.provider.YahooChartProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler against a real HTTP server (MockWebServer) and Kafka's own MockProducer. */
class ChunkBatchHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
    private static final Series AAPL = Series.of("AAPL", Timeframe.M15);
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();
    private static final Topics TOPICS = Topics.defaults();
    private static final RetryPolicy POLICY = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30)), 0);

    private MockWebServer server;
    private MockProducer<String, byte[]> producer;
    private ExecutorService calls;
    private SimpleMeterRegistry registry;
    private ChunkBatchHandler handler;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        registry = new SimpleMeterRegistry();
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        calls = Executors.newFixedThreadPool(4);
        YahooChartProvider yahoo = new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4), server.url("/").toString());
        ProviderRoute route = new ProviderRoute(yahoo, ProviderCapabilities.yahoo(600).withUnlimitedHistory(),
                TokenBucket.perMinute(600), registry);
        handler = new ChunkBatchHandler(new SeriesFetcher(new ProviderRouter(List.of(route), Map.of()), CALENDARS, CLOCK),
                calls, producer, TOPICS, POLICY, CLOCK, () -> 0.5);
    }

    @AfterEach
    void stop() {
        calls.shutdownNow();
        server.close();
    }

    private static List<Session> lastSessions(int count) {
        List<Session> all = CALENDARS.forSymbol(AAPL.symbol()).sessions(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 27));
        return all.subList(all.size() - count, all.size());
    }

    private static ConsumerRecord<String, ChunkTask> record(String topic, long offset, ChunkTask task) {
        return new ConsumerRecord<>(topic, 0, offset, task.chunkKey().key(), task);
    }

    private static ChunkTask task(Session s) {
        return ChunkTask.first(new ChunkKey(AAPL, s.day()), List.of("job-1"), CLOCK.instant());
    }

    /** A Yahoo chart answer with every 15m bar of {@code sessions} but those of {@code skip}. */
    private static String chart(List<Session> sessions, LocalDate skip) {
        StringBuilder ts = new StringBuilder();
        StringBuilder px = new StringBuilder();
        StringBuilder vol = new StringBuilder();
        for (Session s : sessions) {
            if (s.day().equals(skip)) {
                continue;
            }
            for (Instant t = s.open(); t.isBefore(s.close()); t = t.plusSeconds(900)) {
                ts.append(ts.isEmpty() ? "" : ",").append(t.getEpochSecond());
                px.append(px.isEmpty() ? "" : ",").append("100.0");
                vol.append(vol.isEmpty() ? "" : ",").append("10");
            }
        }
        return "{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"America/New_York\"},\"timestamp\":[" + ts
                + "],\"indicators\":{\"quote\":[{\"open\":[" + px + "],\"high\":[" + px + "],\"low\":[" + px
                + "],\"close\":[" + px + "],\"volume\":[" + vol + "]}]}}],\"error\":null}}";
    }

    /** What was sent to {@code topic}, each value read back through that topic's declared serde. */
    private List<ProducerRecord<String, Object>> sent(String topic) {
        Topic<String, ?> declared = declared(topic);
        return producer.history().stream().filter(r -> r.topic().equals(topic))
                .map(r -> new ProducerRecord<String, Object>(r.topic(), r.partition(), r.timestamp(), r.key(),
                        declared.valueSerde().deserializer().deserialize(topic, r.value()), r.headers()))
                .toList();
    }

    /** What was sent to {@code topic}, values as the bytes on the wire. */
    private List<ProducerRecord<String, byte[]>> sentRaw(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Topic<String, ?> declared(String name) {
        return TOPICS.all().stream().filter(t -> t.name().equals(name)).map(t -> (Topic<String, ?>) t)
                .findFirst().orElseThrow(() -> new AssertionError("no topic declared as " + name));
    }

    @Test
    void shouldFetchThirtyDaysOfOneSeriesInOneRequestAndWriteOneRecordPerDay() throws Exception {
        List<Session> sessions = lastSessions(30);
        server.enqueue(new MockResponse.Builder().code(200).body(chart(sessions, null)).build());
        List<ConsumerRecord<String, ChunkTask>> batch = new ArrayList<>();
        for (Session s : sessions) {
            batch.add(record(TOPICS.chunks.name(), batch.size(), task(s)));
        }
        handler.handle(batch);

        assertThat(server.getRequestCount()).isEqualTo(1);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getUrl().queryParameter("period1")).isEqualTo(Long.toString(sessions.get(0).open().getEpochSecond()));
        assertThat(request.getUrl().queryParameter("period2")).isEqualTo(Long.toString(sessions.get(29).close().getEpochSecond()));
        List<ProducerRecord<String, Object>> bars = sent(TOPICS.bars.name());
        assertThat(bars).hasSize(30);
        assertThat(bars).allSatisfy(r -> assertThat(r.value()).isInstanceOfSatisfying(DayBars.class, d -> {
            assertThat(d.complete()).isTrue();
            assertThat(d.provider()).isEqualTo("yahoo");
            assertThat(r.key()).isEqualTo(d.chunkKey().key());
        }));
        assertThat(registry.counter("barfill.provider.requests", "provider", "yahoo", "outcome", "ok").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldReportADayThatCameBackEmptyAsNoData() throws Exception {
        List<Session> sessions = lastSessions(3);
        server.enqueue(new MockResponse.Builder().code(200).body(chart(sessions, sessions.get(1).day())).build());
        handler.handle(sessions.stream().map(s -> record(TOPICS.chunks.name(), 0, task(s))).toList());

        assertThat(sent(TOPICS.bars.name())).hasSize(2);
        assertThat(sent(TOPICS.chunkEvents.name())).singleElement().satisfies(r ->
                assertThat(r.value()).isInstanceOfSatisfying(ChunkEvent.class, e -> {
                    assertThat(e.type()).isEqualTo(ChunkEventType.FAILED);
                    assertThat(e.day()).isEqualTo(sessions.get(1).day());
                    assertThat(e.reason()).startsWith("no data");
                }));
        assertThat(sent(TOPICS.chunksDlq.name())).isEmpty();
    }

    @Test
    void shouldRouteRateLimitedChunkToFirstRetryTopicAndSayTheDayIsRetrying() throws Exception {
        Session day = lastSessions(1).get(0);
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "12").body("slow down").build());
        handler.handle(List.of(record(TOPICS.chunks.name(), 7, task(day))));

        assertThat(sent(TOPICS.chunksRetry.get(0).name())).singleElement().satisfies(r -> {
            ChunkTask next = (ChunkTask) r.value();
            assertThat(next.attempt()).isEqualTo(2);
            assertThat(next.notBefore()).isEqualTo(CLOCK.instant().plusSeconds(12));
            assertThat(next.errors()).singleElement().asString().contains("HTTP 429");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.ATTEMPT)).isEqualTo("2");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.NOT_BEFORE)).isEqualTo(next.notBefore().toString());
        });
        assertThat(sent(TOPICS.chunkEvents.name())).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(AAPL.key());
            assertThat(r.value()).isInstanceOfSatisfying(ChunkEvent.class, e -> {
                assertThat(e.type()).isEqualTo(ChunkEventType.RETRYING);
                assertThat(e.type().settles()).isFalse();
                assertThat(e.day()).isEqualTo(day.day());
                assertThat(e.attempt()).isEqualTo(2);
                assertThat(e.provider()).isEqualTo("yahoo");
                assertThat(e.reason()).contains("HTTP 429");
                assertThat(e.tripped()).isNull();
                assertThat(e.plannedAt()).isEqualTo(CLOCK.instant());
            });
        });
        assertThat(registry.counter("barfill.provider.requests", "provider", "yahoo", "outcome", "rate_limited").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldNameTheTrippedProviderInTheRetryingEventOfADayItHolds() throws Exception {
        YahooChartProvider yahoo = new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4), server.url("/").toString());
        ProviderRoute route = new ProviderRoute(yahoo, ProviderCapabilities.yahoo(600).withUnlimitedHistory(),
                TokenBucket.perMinute(600), registry,
                new CircuitBreaker("yahoo", new CircuitBreaker.Settings(1, Duration.ofMinutes(10)), CLOCK));
        ChunkBatchHandler tripping = new ChunkBatchHandler(new SeriesFetcher(new ProviderRouter(List.of(route), Map.of()),
                CALENDARS, CLOCK), calls, producer, TOPICS, POLICY, CLOCK, () -> 0.5);
        Session day = lastSessions(1).get(0);
        server.enqueue(new MockResponse.Builder().code(429).body("slow down").build());
        tripping.handle(List.of(record(TOPICS.chunks.name(), 7, task(day))));

        assertThat(sent(TOPICS.chunksRetry.get(0).name())).singleElement()
                .satisfies(r -> assertThat(((ChunkTask) r.value()).attempt()).as("no attempt spent").isEqualTo(1));
        assertThat(sent(TOPICS.chunkEvents.name())).singleElement().satisfies(r ->
                assertThat(r.value()).isInstanceOfSatisfying(ChunkEvent.class, e -> {
                    assertThat(e.type()).isEqualTo(ChunkEventType.RETRYING);
                    assertThat(e.tripped()).isEqualTo("yahoo");
                    assertThat(e.attempt()).isEqualTo(1);
                    assertThat(e.reason()).contains("yahoo tripped until");
                }));
    }

    @Test
    void shouldRouteASecondFailureToTheSecondTierAndTheLastToTheDeadLetterTopic() throws Exception {
        Session day = lastSessions(1).get(0);
        ChunkTask second = POLICY.onTransient(task(day), "HTTP 503", null, CLOCK.instant(), () -> 0.5).task();
        server.enqueue(new MockResponse.Builder().code(503).build());
        handler.handle(List.of(record(TOPICS.chunksRetry.get(0).name(), 3, second)));
        ChunkTask third = (ChunkTask) sent(TOPICS.chunksRetry.get(1).name()).get(0).value();
        assertThat(third.attempt()).isEqualTo(3);

        server.enqueue(new MockResponse.Builder().code(503).build());
        handler.handle(List.of(record(TOPICS.chunksRetry.get(1).name(), 9, third)));
        assertThat(sent(TOPICS.chunksDlq.name())).singleElement().satisfies(r -> {
            assertThat(((ChunkTask) r.value()).errors()).hasSize(3);
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).isEqualTo("RETRIES_EXHAUSTED");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(TOPICS.chunksRetry.get(1).name());
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("9");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.ATTEMPT)).isEqualTo("3");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.STAGE)).isEqualTo("fetcher");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.FIRST_FAILED_AT)).isEqualTo(CLOCK.instant().toString());
            assertThat(DeadLetters.text(r.headers(), DeadLetters.LAST_FAILED_AT)).isEqualTo(CLOCK.instant().toString());
        });
        assertThat(sent(TOPICS.chunkEvents.name())).extracting(r -> ((ChunkEvent) r.value()).type())
                .as("retrying for attempt 3, then failed for good")
                .containsExactly(ChunkEventType.RETRYING, ChunkEventType.FAILED);
        assertThat((ChunkEvent) sent(TOPICS.chunkEvents.name()).get(0).value()).satisfies(e -> {
            assertThat(e.attempt()).isEqualTo(3);
            assertThat(e.reason()).contains("503");
        });
    }

    @Test
    void shouldDeadLetterAnUnknownSymbolAtOnceWithItsReason() throws Exception {
        Session day = lastSessions(1).get(0);
        server.enqueue(new MockResponse.Builder().code(404).body(
                "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found, symbol may be delisted\"}}}")
                .build());
        handler.handle(List.of(record(TOPICS.chunks.name(), 0, task(day))));
        assertThat(sent(TOPICS.chunksDlq.name())).singleElement().satisfies(r -> {
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).isEqualTo("PERMANENT");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.REASON)).contains("symbol may be delisted");
            assertThat(new String(r.headers().lastHeader(DeadLetters.SOURCE_PARTITION).value(), StandardCharsets.UTF_8))
                    .isEqualTo("0");
        });
        assertThat(sent(TOPICS.chunkEvents.name())).singleElement().satisfies(r ->
                assertThat(((ChunkEvent) r.value()).reason()).contains("symbol may be delisted"));
        assertThat(sent(TOPICS.chunksRetry.get(0).name())).isEmpty();
    }

    @Test
    void shouldCapAnHourLongRetryAfterAndDeferTheNextDayWithoutBlockingThePollThread() throws Exception {
        Session day = lastSessions(1).get(0);
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body("come back later").build());
        handler.handle(List.of(record(TOPICS.chunks.name(), 1, task(day))));

        ChunkTask capped = (ChunkTask) sent(TOPICS.chunksRetry.get(0).name()).get(0).value();
        assertThat(capped.notBefore()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(15)));
        assertThat(capped.errors()).singleElement().asString().contains("capped to 900 s");

        // The provider now holds every request for 15 minutes: the next day is not sent, and the handler
        // (on the consumer's poll thread) returns at once instead of sitting the hold out.
        ChunkTask other = ChunkTask.first(new ChunkKey(Series.of("MSFT", Timeframe.M15), day.day()), List.of("job-2"),
                CLOCK.instant());
        long t0 = System.nanoTime();
        handler.handle(List.of(record(TOPICS.chunks.name(), 2, other)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(ProviderRoute.HOLD_WAIT_INLINE);

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sent(TOPICS.chunksRetry.get(0).name())).hasSize(2).last().satisfies(r -> {
            ChunkTask deferred = (ChunkTask) r.value();
            assertThat(deferred.symbol()).isEqualTo("MSFT");
            assertThat(deferred.attempt()).as("a hold spends no attempt").isEqualTo(1);
            assertThat(deferred.errors()).isEmpty();
            assertThat(deferred.notBefore()).isBetween(CLOCK.instant().plus(Duration.ofMinutes(14)),
                    CLOCK.instant().plus(Duration.ofMinutes(15)));
        });
        assertThat(registry.counter("barfill.provider.requests", "provider", "yahoo", "outcome", "held").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterAnUndecodableChunkAsReadWithAFailedEventForTheDayItNames() throws Exception {
        byte[] value = "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"day\":\"2026-11-24\",\"attempt\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> raw = new ConsumerRecord<>(TOPICS.chunks.name(), 3, 41, "AAPL:15m", value);
        handler.undecodable(List.of(new Polled<>(raw, null, "undecodable: attempt is not a number")));

        assertThat(sentRaw(TOPICS.chunksDlq.name())).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(value);
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).isEqualTo("UNDECODABLE");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
        });
        assertThat(sent(TOPICS.chunkEvents.name())).singleElement().satisfies(r -> {
            ChunkEvent e = (ChunkEvent) r.value();
            assertThat(e.type()).isEqualTo(ChunkEventType.FAILED);
            assertThat(e.chunkKey().key()).isEqualTo("AAPL:15m:2026-11-24");
            assertThat(r.key()).isEqualTo("AAPL:15m");
        });
    }
}

package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.fetcher.provider.PolygonAggregatesProvider;
import dev.barfill.fetcher.provider.ProviderHttp;
import dev.barfill.fetcher.provider.YahooChartProvider;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import dev.barfill.fetcher.route.TokenBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router's fallback and resampling, against two real HTTP servers. */
class SeriesFetcherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();
    private static final LocalDate NOV_24 = LocalDate.of(2026, 11, 24);

    private MockWebServer yahooServer;
    private MockWebServer polygonServer;
    private SimpleMeterRegistry registry;
    private SeriesFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        yahooServer = new MockWebServer();
        yahooServer.start();
        polygonServer = new MockWebServer();
        polygonServer.start();
        registry = new SimpleMeterRegistry();
        var http = YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4);
        ProviderRoute yahoo = new ProviderRoute(new YahooChartProvider("yahoo", http, yahooServer.url("/").toString()),
                ProviderCapabilities.yahoo(600), TokenBucket.perMinute(600), registry);
        ProviderRoute polygon = new ProviderRoute(new PolygonAggregatesProvider("polygon", http,
                polygonServer.url("/").toString(), "k", CLOCK, ProviderHttp.PageGate.OPEN),
                ProviderCapabilities.polygon(600), TokenBucket.perMinute(600), registry);
        fetcher = new SeriesFetcher(new ProviderRouter(List.of(yahoo, polygon), Map.of()), CALENDARS, CLOCK);
    }

    @AfterEach
    void stop() {
        yahooServer.close();
        polygonServer.close();
    }

    private static Session session(String symbol, LocalDate day) {
        return CALENDARS.forSymbol(Series.of(symbol, Timeframe.M15).symbol()).session(day).orElseThrow();
    }

    private static ChunkTask task(String symbol, Timeframe tf, LocalDate day) {
        return ChunkTask.first(new ChunkKey(Series.of(symbol, tf), day), List.of(), CLOCK.instant());
    }

    private static String polygonDay(Session s, int stepSeconds) {
        StringBuilder results = new StringBuilder();
        for (Instant t = s.open(); t.isBefore(s.close()); t = t.plusSeconds(stepSeconds)) {
            results.append(results.isEmpty() ? "" : ",").append("{\"v\":100,\"o\":10,\"c\":10.5,\"h\":11,\"l\":9.5,\"t\":")
                    .append(t.toEpochMilli()).append("}");
        }
        return "{\"ticker\":\"AAPL\",\"status\":\"OK\",\"results\":[" + results + "]}";
    }

    @Test
    void shouldFallBackToTheNextProviderWhenTheFirstRefusesForGoodAndRecordWhoServedTheDay() throws Exception {
        yahooServer.enqueue(new MockResponse.Builder().code(404).body(
                "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found, symbol may be delisted\"}}}")
                .build());
        polygonServer.enqueue(new MockResponse.Builder().code(200).body(polygonDay(session("AAPL", NOV_24), 900)).build());
        ChunkTask task = task("AAPL", Timeframe.M15, NOV_24);

        List<DayResult> results = fetcher.fetch(task.series(), List.of(task));

        assertThat(results).singleElement().isInstanceOfSatisfying(DayResult.Bars.class, b -> {
            assertThat(b.task()).isSameAs(task);
            assertThat(b.day().provider()).isEqualTo("polygon");
            assertThat(b.day().complete()).isTrue();
            // Carried to the sink's WRITTEN event, so the planner settles only this flight with it.
            assertThat(b.day().plannedAt()).isEqualTo(task.plannedAt());
        });
        assertThat(registry.counter("barfill.provider.requests", "provider", "yahoo", "outcome", "permanent").count())
                .isEqualTo(1.0);
        assertThat(registry.timer("barfill.provider.latency", "provider", "polygon").count()).isEqualTo(1);
    }

    @Test
    void shouldSkipAProviderWhoseHistoryDoesNotReachTheDay() throws Exception {
        LocalDate old = LocalDate.of(2026, 6, 2);  // beyond Yahoo's 60 days of 15m
        polygonServer.enqueue(new MockResponse.Builder().code(200).body(polygonDay(session("AAPL", old), 900)).build());
        ChunkTask task = task("AAPL", Timeframe.M15, old);

        assertThat(fetcher.fetch(task.series(), List.of(task))).singleElement()
                .isInstanceOfSatisfying(DayResult.Bars.class, b -> assertThat(b.day().provider()).isEqualTo("polygon"));
        assertThat(yahooServer.getRequestCount()).isZero();
    }

    @Test
    void shouldBuildFourHourBarsFromSessionAlignedThirtyMinuteBars() throws Exception {
        yahooServer.enqueue(new MockResponse.Builder().code(503).build());  // transient: no fallback, retry later
        ChunkTask retried = task("MSFT", Timeframe.H4, NOV_24);
        assertThat(fetcher.fetch(retried.series(), List.of(retried))).singleElement()
                .isInstanceOf(DayResult.Retryable.class);
        assertThat(polygonServer.getRequestCount()).isZero();
        assertThat(yahooServer.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("interval")).isEqualTo("1h");

        Session s = session("MSFT", NOV_24);
        polygonServer.enqueue(new MockResponse.Builder().code(200).body(polygonDay(s, 1800)).build());
        ChunkTask task = task("MSFT", Timeframe.H4, NOV_24);
        SeriesFetcher polygonOnly = new SeriesFetcher(new ProviderRouter(List.of(new ProviderRoute(
                new PolygonAggregatesProvider("polygon", YahooChartProvider.defaultClient(Duration.ofSeconds(2), 2),
                        polygonServer.url("/").toString(), "k", CLOCK, ProviderHttp.PageGate.OPEN),
                ProviderCapabilities.polygon(600), TokenBucket.perMinute(600), registry)), Map.of()), CALENDARS, CLOCK);

        List<DayResult> results = polygonOnly.fetch(task.series(), List.of(task));

        assertThat(polygonServer.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).contains("/range/30/minute/");
        assertThat(results).singleElement().isInstanceOfSatisfying(DayResult.Bars.class, b -> {
            assertThat(b.day().bars()).hasSize(2);
            assertThat(b.day().bars().get(0).ts()).isEqualTo(s.open());
            assertThat(b.day().bars().get(0).volume()).isEqualTo(800);   // eight 30m bars
            assertThat(b.day().bars().get(1).volume()).isEqualTo(500);   // the last 2.5 hours
            assertThat(b.day().complete()).isTrue();
        });
    }

    @Test
    void shouldFailADayNoProviderCanServe() throws Exception {
        ChunkTask saturday = task("AAPL", Timeframe.M15, LocalDate.of(2026, 11, 28));
        assertThat(fetcher.fetch(saturday.series(), List.of(saturday))).singleElement()
                .isInstanceOfSatisfying(DayResult.Failed.class, f -> assertThat(f.reason()).contains("not a trading day"));
    }
}

package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.time.MutableClock;
import dev.barfill.fetcher.provider.YahooChartProvider;
import dev.barfill.fetcher.route.CircuitBreaker;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import dev.barfill.fetcher.route.TokenBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that keeps answering 429 is tripped, and the router sends its days to the next
 * provider of the chain instead of to the retry tiers; with no next provider the days wait until
 * the cool-down ends. Two real HTTP servers in Yahoo's format: one always 429, one serving.
 */
class BreakerRoutingTest {
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);
    private static final LocalDate WED = LocalDate.of(2026, 11, 25);
    private static final CircuitBreaker.Settings TRIP_AFTER_2 = new CircuitBreaker.Settings(2, Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T03:00:00Z"));
    private MockWebServer blocked;
    private MockWebServer backup;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws IOException {
        blocked = new MockWebServer();
        blocked.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(429).body("Too Many Requests").build();
            }
        });
        blocked.start();
        backup = new MockWebServer();
        backup.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                long start = Long.parseLong(request.getUrl().queryParameter("period1"));
                return new MockResponse.Builder().code(200).body(yahooDay(start)).build();
            }
        });
        backup.start();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        blocked.close();
        backup.close();
    }

    private ProviderRoute route(String name, MockWebServer server) {
        var http = YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4);
        return new ProviderRoute(new YahooChartProvider(name, http, server.url("/").toString()),
                ProviderCapabilities.yahoo(6000).withUnlimitedHistory(), TokenBucket.perMinute(6000), registry,
                new CircuitBreaker(name, TRIP_AFTER_2, clock));
    }

    /** A full 15m session from {@code open} in Yahoo's chart format. */
    private static String yahooDay(long open) {
        StringBuilder ts = new StringBuilder();
        StringBuilder px = new StringBuilder();
        StringBuilder vol = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            String sep = i == 0 ? "" : ",";
            ts.append(sep).append(open + i * 900L);
            px.append(sep).append("10.0");
            vol.append(sep).append("100");
        }
        return "{\"chart\":{\"result\":[{\"meta\":{},\"timestamp\":[" + ts + "],\"indicators\":{\"quote\":[{\"open\":["
                + px + "],\"high\":[" + px + "],\"low\":[" + px + "],\"close\":[" + px + "],\"volume\":[" + vol
                + "]}]}}],\"error\":null}}";
    }

    private ChunkTask task(LocalDate day) {
        return ChunkTask.first(new ChunkKey(Series.of("AAPL", Timeframe.M15), day), List.of(), clock.instant());
    }

    private DayResult fetch(SeriesFetcher fetcher, LocalDate day) throws InterruptedException {
        ChunkTask task = task(day);
        return fetcher.fetch(task.series(), List.of(task)).get(0);
    }

    @Test
    void shouldSendATrippedProvidersDaysToTheNextProviderInsteadOfTheRetryTiers() throws Exception {
        SeriesFetcher fetcher = new SeriesFetcher(new ProviderRouter(List.of(route("yahoo", blocked),
                route("backup", backup)), Map.of()), CALENDARS, clock);

        // The first 429 is an ordinary transient failure: a retry tier, the breaker still closed.
        assertThat(fetch(fetcher, MON)).isInstanceOf(DayResult.Retryable.class);
        // The second trips yahoo: this very day goes on to the backup.
        assertThat(fetch(fetcher, TUE)).isInstanceOfSatisfying(DayResult.Bars.class,
                b -> assertThat(b.day().provider()).isEqualTo("backup"));
        // While it cools down yahoo is not asked at all.
        assertThat(fetch(fetcher, WED)).isInstanceOfSatisfying(DayResult.Bars.class,
                b -> assertThat(b.day().provider()).isEqualTo("backup"));
        assertThat(blocked.getRequestCount()).isEqualTo(2);
        assertThat(backup.getRequestCount()).isEqualTo(2);
        assertThat(registry.get("barfill.provider.tripped").tag("provider", "yahoo").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("barfill.provider.tripped").tag("provider", "backup").gauge().value()).isEqualTo(0.0);
    }

    @Test
    void shouldReportTheTrippedProviderAndWhyWhileAnotherServes() throws Exception {
        ProviderRouter router = new ProviderRouter(List.of(route("yahoo", blocked), route("backup", backup)), Map.of());
        SeriesFetcher fetcher = new SeriesFetcher(router, CALENDARS, clock);
        assertThat(router.health().serving()).isTrue();
        assertThat(router.health().detail()).isEqualTo("serving: yahoo, backup");

        fetch(fetcher, MON);
        fetch(fetcher, TUE);

        ProviderRouter.Health health = router.health();
        assertThat(health.serving()).isTrue();
        assertThat(health.detail()).startsWith("yahoo tripped until 2026-11-30T03:10:00Z: answered 429 to 2 requests")
                .endsWith("; serving: backup");
    }

    @Test
    void shouldParkTheDaysOfATrippedProviderWithNoNextProviderUntilTheCoolDownEnds() throws Exception {
        ProviderRouter router = new ProviderRouter(List.of(route("yahoo", blocked)), Map.of());
        SeriesFetcher fetcher = new SeriesFetcher(router, CALENDARS, clock);
        fetch(fetcher, MON);
        Instant trippedAt = clock.instant();

        assertThat(fetch(fetcher, TUE)).isInstanceOfSatisfying(DayResult.Deferred.class, d -> {
            assertThat(d.provider()).isEqualTo("yahoo");
            assertThat(d.tripped()).isEqualTo("yahoo");
            assertThat(d.until()).isEqualTo(trippedAt.plus(Duration.ofMinutes(10)));
            assertThat(d.reason()).contains("yahoo tripped until").contains("429");
        });
        assertThat(fetch(fetcher, WED)).isInstanceOf(DayResult.Deferred.class);
        assertThat(blocked.getRequestCount()).as("not asked while tripped").isEqualTo(2);
        assertThat(router.health().serving()).isFalse();
        assertThat(router.health().detail()).endsWith("no provider serves until one cools down");

        clock.set(trippedAt.plus(Duration.ofMinutes(10)));
        fetch(fetcher, WED);
        assertThat(blocked.getRequestCount()).as("asked again once cooled down").isEqualTo(3);
    }

    @Test
    void shouldStillFailADayATrippedProviderCouldNeverHaveServedInsteadOfParkingIt() throws Exception {
        var http = YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4);
        // Yahoo keeps 15m bars for 60 days only.
        ProviderRoute limited = new ProviderRoute(new YahooChartProvider("yahoo", http, blocked.url("/").toString()),
                ProviderCapabilities.yahoo(6000), TokenBucket.perMinute(6000), registry,
                new CircuitBreaker("yahoo", TRIP_AFTER_2, clock));
        SeriesFetcher fetcher = new SeriesFetcher(new ProviderRouter(List.of(limited), Map.of()), CALENDARS, clock);
        fetch(fetcher, MON);
        fetch(fetcher, TUE);
        assertThat(limited.tripped()).isPresent();

        assertThat(fetch(fetcher, LocalDate.of(2026, 6, 1))).isInstanceOfSatisfying(DayResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("yahoo keeps no 15m history back to 2026-06-01"));
    }
}

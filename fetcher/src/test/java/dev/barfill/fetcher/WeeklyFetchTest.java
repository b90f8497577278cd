package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.fetcher.provider.PolygonAggregatesProvider;
import dev.barfill.fetcher.provider.ProviderHttp;
import dev.barfill.fetcher.provider.YahooChartProvider;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import dev.barfill.fetcher.route.TokenBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 1w bars end up stamped at the week's first session open whatever the provider stamps: Yahoo's
 * Monday 09:30 (even on a holiday Monday), Polygon's Sunday midnight, or built from daily bars.
 */
class WeeklyFetchTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC);
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();
    private static final Series AAPL_1W = Series.of("AAPL", Timeframe.W1);

    private MockWebServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = WeeklyFetchTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<ChunkTask> weeks(LocalDate... firstSessions) {
        return java.util.Arrays.stream(firstSessions)
                .map(d -> ChunkTask.first(new ChunkKey(AAPL_1W, d), List.of(), CLOCK.instant())).toList();
    }

    private SeriesFetcher yahoo() {
        return new SeriesFetcher(new ProviderRouter(List.of(new ProviderRoute(new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 2), server.url("/").toString()),
                ProviderCapabilities.yahoo(600), TokenBucket.perMinute(600), registry)), Map.of()), CALENDARS, CLOCK);
    }

    private SeriesFetcher polygon(ProviderCapabilities capabilities) {
        return new SeriesFetcher(new ProviderRouter(List.of(new ProviderRoute(new PolygonAggregatesProvider("polygon",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 2), server.url("/").toString(), "k", CLOCK,
                ProviderHttp.PageGate.OPEN), capabilities, TokenBucket.perMinute(600), registry)), Map.of()),
                CALENDARS, CLOCK);
    }

    private static Map<LocalDate, DayResult> byWeek(List<DayResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.task().day(), r -> r));
    }

    private static Bar onlyBar(DayResult result) {
        assertThat(result).isInstanceOf(DayResult.Bars.class);
        DayResult.Bars bars = (DayResult.Bars) result;
        assertThat(bars.day().expectedBars()).isEqualTo(1);
        assertThat(bars.day().complete()).isTrue();
        assertThat(bars.day().bars()).hasSize(1);
        return bars.day().bars().get(0);
    }

    @Test
    void shouldStampYahoosMondayRowsAtEachWeeksFirstSessionIncludingHolidayMondays() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(resource("/yahoo/chart-1wk-monday-stamps.json")).build());
        // 19 Jan (Martin Luther King Day) and 16 Feb (Presidents' Day) close their Mondays.
        List<ChunkTask> tasks = weeks(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 1, 20), LocalDate.of(2026, 1, 26),
                LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 17));

        Map<LocalDate, DayResult> results = byWeek(yahoo().fetch(AAPL_1W, tasks));

        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getUrl().queryParameter("interval")).isEqualTo("1wk");
        // From the Sunday before the first week, so a Monday stamp before a Tuesday open is inside the range.
        assertThat(request.getUrl().queryParameter("period1"))
                .isEqualTo(Long.toString(Instant.parse("2026-01-11T05:00:00Z").getEpochSecond()));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(onlyBar(results.get(LocalDate.of(2026, 1, 12))).ts()).isEqualTo(Instant.parse("2026-01-12T14:30:00Z"));
        Bar mlk = onlyBar(results.get(LocalDate.of(2026, 1, 20)));
        assertThat(mlk.ts()).isEqualTo(Instant.parse("2026-01-20T14:30:00Z"));
        assertThat(mlk.volume()).isEqualTo(187_230_400L);
        assertThat(mlk.close()).isEqualTo(248.1);
        Bar presidents = onlyBar(results.get(LocalDate.of(2026, 2, 17)));
        assertThat(presidents.ts()).isEqualTo(Instant.parse("2026-02-17T14:30:00Z"));
        assertThat(presidents.volume()).isEqualTo(160_233_100L);
        // Yahoo's all-null week is no data, not a bar.
        assertThat(results.get(LocalDate.of(2026, 1, 26))).isInstanceOf(DayResult.NoData.class);
    }

    @Test
    void shouldStampPolygonsSundayWeeksAtEachWeeksFirstSession() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(resource("/polygon/aggs-1week-sunday-stamps.json")).build());
        List<ChunkTask> tasks = weeks(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 17));

        Map<LocalDate, DayResult> results = byWeek(polygon(ProviderCapabilities.polygon(600)).fetch(AAPL_1W, tasks));

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).contains("/range/1/week/"
                + Instant.parse("2026-02-01T05:00:00Z").toEpochMilli() + "/");
        assertThat(onlyBar(results.get(LocalDate.of(2026, 2, 2))).ts()).isEqualTo(Instant.parse("2026-02-02T14:30:00Z"));
        assertThat(onlyBar(results.get(LocalDate.of(2026, 2, 9))).close()).isEqualTo(252.75);
        Bar presidents = onlyBar(results.get(LocalDate.of(2026, 2, 17)));
        assertThat(presidents.ts()).isEqualTo(Instant.parse("2026-02-17T14:30:00Z"));
        assertThat(presidents.volume()).isEqualTo(160_233_100L);
    }

    @Test
    void shouldBuildAWeekFromEveryDailyBarOfItWhereTheProviderHasNoWeeklyInterval() throws Exception {
        ProviderCapabilities dailyOnly = new ProviderCapabilities(Map.of(Timeframe.D1, Timeframe.D1,
                Timeframe.W1, Timeframe.D1), Map.of(), Map.of(Timeframe.D1, 3650), 600);
        // Polygon daily bars stamped at local midnight: Tue 17 to Fri 20 Feb whole, Mon 9 to Fri 13 Feb without Wednesday.
        StringBuilder results = new StringBuilder();
        String[] days = {"2026-02-09", "2026-02-10", "2026-02-12", "2026-02-13",
            "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"};
        for (int i = 0; i < days.length; i++) {
            long t = LocalDate.parse(days[i]).atStartOfDay(java.time.ZoneId.of("America/New_York")).toInstant().toEpochMilli();
            results.append(i == 0 ? "" : ",").append("{\"v\":100,\"o\":").append(10 + i).append(",\"c\":")
                    .append(10.5 + i).append(",\"h\":").append(11 + i).append(",\"l\":").append(9 + i)
                    .append(",\"t\":").append(t).append(",\"n\":10}");
        }
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ticker\":\"AAPL\",\"status\":\"OK\",\"results\":["
                + results + "]}").build());

        Map<LocalDate, DayResult> out = byWeek(polygon(dailyOnly).fetch(AAPL_1W,
                weeks(LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 17))));

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).contains("/range/1/day/");
        assertThat(onlyBar(out.get(LocalDate.of(2026, 2, 17))))
                .isEqualTo(new Bar(Instant.parse("2026-02-17T14:30:00Z"), 14, 18, 13, 17.5, 400));
        // A week with a day missing is never built with a wrong close.
        assertThat(out.get(LocalDate.of(2026, 2, 9))).isInstanceOf(DayResult.NoData.class);
    }

    @Test
    void shouldFailAWeekNamedByADayThatIsNotItsFirstSession() throws Exception {
        assertThat(yahoo().fetch(AAPL_1W, weeks(LocalDate.of(2026, 2, 18)))).singleElement()
                .isInstanceOfSatisfying(DayResult.Failed.class,
                        f -> assertThat(f.reason()).contains("2026-02-18 is not the first session of a week"));
    }
}

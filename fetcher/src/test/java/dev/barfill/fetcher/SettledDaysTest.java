package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.fetcher.day.DayAssembler;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day is settled when the fetcher's clock, at the fetch, is at or past the session's close plus
 * the settle delay: the regular close, or the early one. Settled says nothing of whole: a day with
 * intervals missing settles, and is never complete.
 */
class SettledDaysTest {
    private static final Duration DELAY = Duration.ofMinutes(15);
    private static final Series AAPL_15M = Series.of("AAPL", Timeframe.M15);
    // Friday 2026-11-27, the day after Thanksgiving: closes early at 18:00Z.
    private static final LocalDate BLACK_FRIDAY = LocalDate.of(2026, 11, 27);
    // Tuesday 2026-11-24: closes at 21:00Z.
    private static final Session TUESDAY = CalendarRegistry.defaults().forSymbol(AAPL_15M.symbol())
            .session(LocalDate.of(2026, 11, 24)).orElseThrow();

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DayBars fetchBlackFridayAt(Instant now) throws Exception {
        try (InputStream in = SettledDaysTest.class.getResourceAsStream("/yahoo/chart-15m-with-nulls.json")) {
            server.enqueue(new MockResponse.Builder().code(200)
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8)).build());
        }
        ProviderRoute yahoo = new ProviderRoute(new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 2), server.url("/").toString()),
                ProviderCapabilities.yahoo(600), TokenBucket.perMinute(600), new SimpleMeterRegistry());
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        SeriesFetcher fetcher = new SeriesFetcher(new ProviderRouter(List.of(yahoo), Map.of()),
                CalendarRegistry.defaults(), clock, DELAY);
        ChunkTask task = ChunkTask.first(new ChunkKey(AAPL_15M, BLACK_FRIDAY), List.of(), now);
        DayResult result = fetcher.fetch(AAPL_15M, List.of(task)).get(0);
        assertThat(result).isInstanceOf(DayResult.Bars.class);
        return ((DayResult.Bars) result).day();
    }

    @Test
    void shouldSettleAnEarlyCloseDayFetchedAtItsEarlyClosePlusTheDelay() throws Exception {
        DayBars day = fetchBlackFridayAt(Instant.parse("2026-11-27T18:15:00Z"));
        assertThat(day.settled()).isTrue();
        assertThat(day.complete()).as("three bars of fourteen").isFalse();
        assertThat(day.bars()).hasSize(3);
        assertThat(day.expectedBars()).isEqualTo(14);
        assertThat(day.fetchedAt()).isEqualTo(Instant.parse("2026-11-27T18:15:00Z"));
    }

    @Test
    void shouldNotSettleAnEarlyCloseDayFetchedWithinTheDelay() throws Exception {
        DayBars day = fetchBlackFridayAt(Instant.parse("2026-11-27T18:14:59Z"));
        assertThat(day.settled()).isFalse();
        assertThat(day.complete()).isFalse();
    }

    private static List<Bar> bars(int count) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bars.add(new Bar(TUESDAY.open().plusSeconds(900L * i), 10, 11, 9, 10.5, 100));
        }
        return bars;
    }

    @Test
    void shouldSettleAFullDayOnlyAtItsClosePlusTheDelay() {
        Instant close = TUESDAY.close();
        assertThat(DayAssembler.assemble(AAPL_15M, TUESDAY, "yahoo", bars(26), close.minusSeconds(60), DELAY)
                .settled()).isFalse();
        DayBars justClosed = DayAssembler.assemble(AAPL_15M, TUESDAY, "yahoo", bars(26), close.plusSeconds(60), DELAY);
        assertThat(justClosed.complete()).as("closed and whole").isTrue();
        assertThat(justClosed.settled()).as("within the delay").isFalse();
        DayBars settled = DayAssembler.assemble(AAPL_15M, TUESDAY, "yahoo", bars(20), close.plus(DELAY), DELAY);
        assertThat(settled.settled()).isTrue();
        assertThat(settled.complete()).as("six intervals had no trade").isFalse();
    }
}

package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Yahoo's answers as they are, through the fetcher's day assembly: rows whose prices are all null
 * and the zero-volume tick stamped exactly at the close are dropped quietly, neither stored nor
 * counted as rejected bars.
 */
class YahooAnswerShapesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
    // Friday 2026-11-27, the day after Thanksgiving: opens 14:30Z and closes early at 18:00Z.
    private static final LocalDate BLACK_FRIDAY = LocalDate.of(2026, 11, 27);

    private MockWebServer server;
    private SeriesFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        ProviderRoute yahoo = new ProviderRoute(new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 2), server.url("/").toString()),
                ProviderCapabilities.yahoo(600), TokenBucket.perMinute(600), new SimpleMeterRegistry());
        fetcher = new SeriesFetcher(new ProviderRouter(List.of(yahoo), Map.of()), CalendarRegistry.defaults(), CLOCK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = YahooAnswerShapesTest.class.getResourceAsStream("/yahoo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldDropAllNullRowsAndTheClosingTickWithoutCountingThemAsRejected() throws Exception {
        // Timestamps 14:30, 14:45, 15:00 (all null), 15:15 and 18:00 (the close, volume 0).
        server.enqueue(new MockResponse.Builder().code(200).body(resource("chart-15m-with-nulls.json")).build());
        ChunkTask task = ChunkTask.first(new ChunkKey(Series.of("AAPL", Timeframe.M15), BLACK_FRIDAY), List.of(),
                CLOCK.instant());

        DayResult result = fetcher.fetch(task.series(), List.of(task)).get(0);

        assertThat(result).isInstanceOfSatisfying(DayResult.Bars.class, b -> {
            assertThat(b.day().bars()).extracting(Bar::ts).extracting(Instant::toString)
                    .containsExactly("2026-11-27T14:30:00Z", "2026-11-27T14:45:00Z", "2026-11-27T15:15:00Z");
            assertThat(b.day().rejectedBars()).isZero();
            assertThat(b.day().bars()).noneMatch(bar -> bar.ts().equals(Instant.parse("2026-11-27T18:00:00Z")));
        });
    }
}

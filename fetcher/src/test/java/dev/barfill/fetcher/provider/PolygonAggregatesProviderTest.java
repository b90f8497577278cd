package dev.barfill.fetcher.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolygonAggregatesProviderTest {
    private static final BarRequest DAY = new BarRequest(Series.of("AAPL", Timeframe.M15),
            Instant.parse("2026-11-27T14:30:00Z"), Instant.parse("2026-11-27T18:00:00Z"));

    private MockWebServer server;
    private PolygonAggregatesProvider provider;
    private final AtomicInteger pagesGated = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        provider = new PolygonAggregatesProvider("polygon", YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4),
                server.url("/").toString(), "secret-key", Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC),
                pagesGated::incrementAndGet);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PolygonAggregatesProviderTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void shouldAskForMillisecondBoundsAndFollowNextUrlWithTheKey() throws Exception {
        String next = server.url("/v2/aggs/ticker/AAPL/range/15/minute/1795789800000/1795802399999?cursor=bGltaXQ9Mg").toString();
        server.enqueue(json(200, resource("polygon/aggs-15m-page1.json").replace("NEXT_URL", next)));
        server.enqueue(json(200, resource("polygon/aggs-15m-page2.json")));

        FetchOutcome outcome = provider.fetch(DAY);

        RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(first.getUrl().encodedPath())
                .isEqualTo("/v2/aggs/ticker/AAPL/range/15/minute/1795789800000/1795802399999");
        assertThat(first.getUrl().queryParameter("adjusted")).isEqualTo("true");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer secret-key");
        RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("bGltaXQ9Mg");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer secret-key");
        assertThat(pagesGated).hasValue(1);
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.bars()).hasSize(3);
            assertThat(f.bars().get(0).ts()).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
            assertThat(f.bars().get(1).volume()).isEqualTo(823_100L);  // sent as a float
            // 15:00 had no trade: Polygon leaves it out rather than sending nulls.
            assertThat(f.bars().get(2).ts()).isEqualTo(Instant.parse("2026-11-27T15:15:00Z"));
        });
    }

    @Test
    void shouldReturnNoBarsForAnAnswerWithoutResults() throws Exception {
        server.enqueue(json(200, resource("polygon/aggs-empty.json")));
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                f -> assertThat(f.bars()).isEmpty());
    }

    @Test
    void shouldTreatAnUnknownKeyAsPermanent() throws Exception {
        server.enqueue(json(401, resource("polygon/error-auth.json")));
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Permanent.class,
                p -> assertThat(p.reason()).isEqualTo(
                        "refused by polygon: 401 Unauthorized; the key is wrong or this client is blocked (Unknown API Key)"));
    }

    @Test
    void shouldTreatRateLimitingAsTransientAndKeepRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "13")
                .body(resource("polygon/error-rate.json")).build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Transient.class, t -> {
            assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(13));
            assertThat(t.reason()).contains("HTTP 429");
        });
    }

    @Test
    void shouldSkipResultsWithMissingPrices() {
        server.enqueue(json(200, "{\"status\":\"OK\",\"results\":[{\"t\":1795789800000,\"o\":1,\"h\":2,\"l\":0.5,\"c\":null,\"v\":3},"
                + "{\"t\":1795790700000,\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":3}]}"));
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                f -> assertThat(f.bars()).singleElement().satisfies(b -> assertThat(b.close()).isEqualTo(1.5)));
    }
}

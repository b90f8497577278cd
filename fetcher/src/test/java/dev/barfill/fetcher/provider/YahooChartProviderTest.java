package dev.barfill.fetcher.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class YahooChartProviderTest {
    // Friday 2026-11-27, the day after Thanksgiving: opens 14:30Z and closes early at 18:00Z.
    private static final BarRequest DAY = new BarRequest(Series.of("AAPL", Timeframe.M15),
            Instant.parse("2026-11-27T14:30:00Z"), Instant.parse("2026-11-27T18:00:00Z"));

    private MockWebServer server;
    private YahooChartProvider provider;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        provider = new YahooChartProvider("yahoo", YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4),
                server.url("/").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = YahooChartProviderTest.class.getResourceAsStream("/yahoo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldAskForTheWindowAndIntervalAndDropAllNullRows() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(resource("chart-15m-with-nulls.json")).build());
        FetchOutcome outcome = provider.fetch(DAY);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v8/finance/chart/AAPL");
        assertThat(request.getUrl().queryParameter("period1")).isEqualTo("1795789800");
        assertThat(request.getUrl().queryParameter("period2")).isEqualTo("1795802400");
        assertThat(request.getUrl().queryParameter("interval")).isEqualTo("15m");
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            // Five timestamps, one all-null row: four bars, the trailing close bar among them.
            assertThat(f.bars()).hasSize(4);
            assertThat(f.bars().get(0).ts()).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
            assertThat(f.bars().get(0).volume()).isEqualTo(1_523_400L);
            assertThat(f.bars().get(3).volume()).isZero();
        });
    }

    @Test
    void shouldTreatADelistedSymbolAsPermanent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body(resource("error-delisted.json")).build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Permanent.class,
                p -> assertThat(p.reason()).contains("No data found, symbol may be delisted"));
    }

    @Test
    void shouldTreatRateLimitingAsTransientAndKeepRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("Too Many Requests").build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Transient.class,
                t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void shouldTreatServerErrorsAndTimeoutsAsTransient() {
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        assertThat(provider.fetch(DAY)).isInstanceOf(FetchOutcome.Transient.class);
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Transient.class,
                t -> assertThat(t.reason()).contains("unreachable"));
    }

    @Test
    void shouldTreatMalformedJsonAsTransient() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"chart\": [").build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Transient.class,
                p -> assertThat(p.reason()).contains("malformed JSON"));
    }

    @Test
    void shouldReturnNoBarsForAnAnswerWithoutTimestamps() {
        server.enqueue(new MockResponse.Builder().code(200).body(
                "{\"chart\":{\"result\":[{\"meta\":{},\"indicators\":{\"quote\":[{}]}}],\"error\":null}}").build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                f -> assertThat(f.bars()).isEmpty());
    }

    @Test
    void shouldPresentABrowserUserAgentNeverALibraryOne() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(resource("chart-15m-with-nulls.json")).build());
        provider.fetch(DAY);
        String agent = server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("User-Agent");
        assertThat(agent).isEqualTo(UserAgent.BROWSER).startsWith("Mozilla/5.0");
        assertThat(agent.toLowerCase(java.util.Locale.ROOT)).doesNotContain("okhttp").doesNotContain("java")
                .doesNotContain("python");
    }

    @Test
    void shouldSendTheConfiguredUserAgent() throws Exception {
        YahooChartProvider custom = new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4, "barfill-test/1.0 (ops@example.org)"),
                server.url("/").toString());
        server.enqueue(new MockResponse.Builder().code(200).body(resource("chart-15m-with-nulls.json")).build());
        custom.fetch(DAY);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("User-Agent"))
                .isEqualTo("barfill-test/1.0 (ops@example.org)");
    }

    @Test
    void shouldTreatAForbiddenAnswerAsAPermanentClearlyWordedRefusal() throws Exception {
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "text/html")
                .body(resource("error-forbidden.html")).build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Permanent.class, p -> assertThat(p.reason())
                .isEqualTo("refused by yahoo: 403 Forbidden; the key is wrong or this client is blocked"));
    }

    @Test
    void shouldTreatAnUnauthorizedAnswerAsPermanentWithTheProvidersWords() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).body(
                "{\"finance\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\",\"description\":\"Invalid Crumb\"}}}")
                .build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Permanent.class, p -> assertThat(p.reason())
                .isEqualTo("refused by yahoo: 401 Unauthorized; the key is wrong or this client is blocked (Invalid Crumb)"));
    }

    @Test
    void shouldReadAWeeklyAnswerAsOneBarPerWeekStampedMondayOpenEvenOnAHolidayMonday() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(resource("chart-1wk-monday-stamps.json")).build());
        FetchOutcome outcome = provider.fetch(new BarRequest(Series.of("AAPL", Timeframe.W1),
                Instant.parse("2026-01-12T14:30:00Z"), Instant.parse("2026-02-20T21:00:00Z")));
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("interval")).isEqualTo("1wk");
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            // Six weeks, one of them all null: five bars. 19 Jan (Martin Luther King Day) and 16 Feb
            // (Presidents' Day) are holidays, yet Yahoo stamps their weeks on that Monday 09:30 New York.
            assertThat(f.bars()).extracting(b -> b.ts().toString()).containsExactly("2026-01-12T14:30:00Z",
                    "2026-01-19T14:30:00Z", "2026-02-02T14:30:00Z", "2026-02-09T14:30:00Z", "2026-02-16T14:30:00Z");
            assertThat(f.bars().get(1).volume()).isEqualTo(187_230_400L);
        });
    }
}

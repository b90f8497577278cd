package dev.barfill.fetcher.provider;

import static dev.barfill.fetcher.provider.PolygonAggregatesProviderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlpacaBarsProviderTest {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final BarRequest DAY = new BarRequest(Series.of("AAPL", Timeframe.M15),
            Instant.parse("2026-11-27T14:30:00Z"), Instant.parse("2026-11-27T18:00:00Z"));

    private MockWebServer server;
    private AlpacaBarsProvider provider;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        provider = new AlpacaBarsProvider("alpaca", YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4),
                server.url("/").toString(), "key-id", "key-secret", "iex", Clock.fixed(NOW, ZoneOffset.UTC),
                ProviderHttp.PageGate.OPEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void shouldSendKeysFeedAndWindowAndFollowThePageToken() throws Exception {
        server.enqueue(json(200, resource("alpaca/bars-15m-page1.json")));
        server.enqueue(json(200, resource("alpaca/bars-15m-page2.json")));

        FetchOutcome outcome = provider.fetch(DAY);

        RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v2/stocks/AAPL/bars");
        assertThat(first.getUrl().queryParameter("timeframe")).isEqualTo("15Min");
        assertThat(first.getUrl().queryParameter("start")).isEqualTo("2026-11-27T14:30:00Z");
        assertThat(first.getUrl().queryParameter("end")).isEqualTo("2026-11-27T17:59:59Z");
        assertThat(first.getUrl().queryParameter("feed")).isEqualTo("iex");
        assertThat(first.getUrl().queryParameter("page_token")).isNull();
        assertThat(first.getHeaders().get("APCA-API-KEY-ID")).isEqualTo("key-id");
        assertThat(first.getHeaders().get("APCA-API-SECRET-KEY")).isEqualTo("key-secret");
        RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(second.getUrl().queryParameter("page_token")).isEqualTo("QUFQTHxNfDIwMjYtMTEtMjdUMTQ6NDU6MDBa");
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.bars()).hasSize(3);
            assertThat(f.bars().get(2).ts()).isEqualTo(Instant.parse("2026-11-27T15:15:00Z"));
            assertThat(f.bars().get(0).volume()).isEqualTo(1_523_400L);
        });
    }

    @Test
    void shouldHoldTheProviderUntilTheResetWhenAnAnswerSaysTheQuotaIsSpent() throws Exception {
        List<Duration> holds = new CopyOnWriteArrayList<>();
        AlpacaBarsProvider gated = new AlpacaBarsProvider("alpaca", YahooChartProvider.defaultClient(Duration.ofSeconds(2), 4),
                server.url("/").toString(), "key-id", "key-secret", "sip", Clock.fixed(NOW, ZoneOffset.UTC),
                new ProviderHttp.PageGate() {
                    @Override
                    public void await() {
                    }

                    @Override
                    public void holdFor(Duration wait) {
                        holds.add(wait);
                    }
                });
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Limit", "200")
                .addHeader("X-RateLimit-Remaining", "0").addHeader("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 40))
                .body(resource("alpaca/bars-empty.json")).build());

        assertThat(gated.fetch(DAY)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(holds).containsExactly(Duration.ofSeconds(40));
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("feed")).isEqualTo("sip");
    }

    @Test
    void shouldReturnNoBarsWhenBarsIsNull() throws Exception {
        server.enqueue(json(200, resource("alpaca/bars-empty.json")));
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                f -> assertThat(f.bars()).isEmpty());
    }

    @Test
    void shouldWaitForTheRateLimitResetOnA429() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("X-RateLimit-Limit", "200")
                .addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 21)).body("too many requests.").build());
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Transient.class,
                t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(21)));
    }

    @Test
    void shouldTreatAnInvalidSymbolAsPermanentWithItsMessage() throws Exception {
        server.enqueue(json(422, resource("alpaca/error-invalid.json")));
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Permanent.class,
                p -> assertThat(p.reason()).contains("422").contains("invalid symbol"));
    }

    @Test
    void shouldTreatServerErrorsAndMalformedBodiesAsTransient() {
        server.enqueue(json(502, "<html>Bad Gateway</html>"));
        assertThat(provider.fetch(DAY)).isInstanceOf(FetchOutcome.Transient.class);
        server.enqueue(json(200, "{\"bars\":[{\"t\":\"2026-11-27T14:30:00Z\",\"o\":"));
        assertThat(provider.fetch(DAY)).isInstanceOfSatisfying(FetchOutcome.Transient.class,
                t -> assertThat(t.reason()).contains("malformed JSON"));
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.fetcher.ProviderChain;
import dev.barfill.fetcher.route.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Yahoo-format providers in a chain on the real stack: {@code yahoo} answers every request
 * 429 (as Yahoo has, for weeks, to library clients), {@code simulator} serves. Yahoo's breaker
 * trips after two 429s, its days go to the next provider instead of burning the retry tiers, the
 * job ends DONE with the simulator's bars, and {@code /health/ready}, {@code /metrics} say which
 * provider is tripped and why while the API stays ready.
 */
@Tag("date-sensitive")
@Timeout(300)
class ProviderBreakerIT {
    @TempDir
    static Path dataDir;
    private static YahooSimulator blocked;
    private static EmbeddedStack stack;
    private static ApiClient api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        blocked = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()), Duration.ZERO, 0)
                .alwaysRateLimited(true).start();
        stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, Duration.ofMillis(5), 3,
                dev.barfill.app.simulator.SimulatorFaults.none(Duration.ofMillis(5)),
                f -> f.withProviders(ProviderChain.parse("--providers", List.of("yahoo=" + blocked.baseUrl(),
                                "simulator=" + f.providers().get(0).baseUrl()),
                        new ProviderChain.Defaults(null, 6000, null, null, null)))
                        .withBreaker(new CircuitBreaker.Settings(2, Duration.ofMinutes(10)))));
        stack.simulator().refuseLibraryAgents(true);
        api = new ApiClient(stack.apiUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (blocked != null) {
            blocked.close();
        }
    }

    @Test
    void shouldTripTheProviderThatAlwaysAnswers429AndFinishTheJobOnTheNextProvider() throws Exception {
        RecentSessions window = RecentSessions.last(5);
        JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", window.from(), window.to()));
        String jobId = answer.path("jobId").asText();

        JobProgress done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.job(jobId).orElse(null), j -> j != null && j.status().finished());

        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.barsWritten()).isEqualTo(window.bars(Timeframe.M15));
        // One 429 parks the days in the first retry tier, the retry's 429 trips yahoo and its days go on at
        // once: two requests to yahoo however many days (three if the main and retry consumers had a call
        // in flight at the same moment), not one per day and tier.
        assertThat(blocked.requests()).isBetween(2L, 3L);
        assertThat(providersOfStoredBars()).containsExactly("simulator");
        assertThat(stack.simulator().libraryAgentRequests()).as("no library User-Agent").isZero();
        assertThat(blocked.libraryAgentRequests()).as("no library User-Agent").isZero();

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        String providers = Json.mapper().readTree(ready.body()).path("checks").path("providers").path("detail").asText();
        assertThat(providers).startsWith("yahoo tripped until ").contains("requests in a row without a successful")
                .endsWith("serving: simulator");
        assertThat(get("/metrics").body()).containsPattern("barfill_provider_tripped\\{provider=\"yahoo\"[^}]*} 1\\.0")
                .containsPattern("barfill_provider_tripped\\{provider=\"simulator\"[^}]*} 0\\.0");
    }

    private static List<String> providersOfStoredBars() throws Exception {
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT provider FROM ohlc_bars WHERE symbol = 'AAPL'")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

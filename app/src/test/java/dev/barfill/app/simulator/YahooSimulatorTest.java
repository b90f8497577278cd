package dev.barfill.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.calendar.CalendarRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YahooSimulatorTest {
    private static final String CHART = "/v8/finance/chart/AAPL?period1=1795789800&period2=1795802400&interval=15m";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(YahooSimulator simulator) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + CHART)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getAs(YahooSimulator simulator, String agent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + CHART)).timeout(Duration.ofSeconds(10))
                .header("User-Agent", agent).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerALibraryUserAgent429AndABrowserItsBarsWhenRefusingLibraries() throws Exception {
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ZERO, 0).refuseLibraryAgents(true).start()) {
            assertThat(getAs(simulator, "okhttp/5.5.1").statusCode()).isEqualTo(429);
            assertThat(get(simulator).statusCode()).as("Java's own agent").isEqualTo(429);
            assertThat(getAs(simulator, "python-requests/2.32.3").statusCode()).isEqualTo(429);
            assertThat(getAs(simulator, dev.barfill.fetcher.provider.UserAgent.BROWSER).statusCode()).isEqualTo(200);
            assertThat(simulator.libraryAgentRequests()).isEqualTo(3);
            assertThat(simulator.rateLimited()).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseEveryRequestWithTheStatusAskedForAndAnswer429ToAllWhenAsked() throws Exception {
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ZERO, 0).start()) {
            String browser = dev.barfill.fetcher.provider.UserAgent.BROWSER;
            simulator.refuseWith(403);
            assertThat(getAs(simulator, browser).statusCode()).isEqualTo(403);
            simulator.refuseWith(401);
            assertThat(getAs(simulator, browser).statusCode()).isEqualTo(401);
            simulator.refuseWith(0).alwaysRateLimited(true);
            assertThat(getAs(simulator, browser).statusCode()).isEqualTo(429);
            simulator.alwaysRateLimited(false);
            assertThat(getAs(simulator, browser).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswer429WithRetryAfterBeyondItsOwnRateLimitAndCountThem() throws Exception {
        SimulatorFaults faults = SimulatorFaults.none(Duration.ZERO).withRateLimit(60);  // burst of 6
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()), faults, 0)
                .start()) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = get(simulator);
                codes.add(response.statusCode());
                if (response.statusCode() == 429) {
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                }
            }
            assertThat(codes.subList(0, 6)).containsOnly(200);
            assertThat(codes).contains(429);
            assertThat(simulator.requests()).isEqualTo(10);
            assertThat(simulator.rateLimited()).isEqualTo(codes.stream().filter(c -> c == 429).count());
        }
    }

    @Test
    void shouldInjectEveryKindOfFaultInRoughlyTheConfiguredShare() throws Exception {
        SimulatorFaults faults = SimulatorFaults.failing(Duration.ZERO, 0.6, Duration.ofMillis(50));
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()), faults, 0)
                .start()) {
            int ok = 0;
            int tooMany = 0;
            int unavailable = 0;
            int malformed = 0;
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = get(simulator);
                if (r.statusCode() == 429) {
                    tooMany++;
                } else if (r.statusCode() == 503) {
                    unavailable++;
                } else if (r.body().endsWith("}}")) {
                    ok++;
                } else {
                    malformed++;
                }
            }
            assertThat(ok).isBetween(50, 110);
            assertThat(tooMany).isPositive();
            assertThat(unavailable).isPositive();  // plain 503s and hangs that end in one
            assertThat(malformed).isPositive();
            assertThat(simulator.rateLimited()).isEqualTo(tooMany);
        }
    }
}

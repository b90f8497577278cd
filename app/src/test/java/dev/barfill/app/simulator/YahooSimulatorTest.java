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

    private static final java.time.LocalDate DAY = java.time.LocalDate.of(2026, 11, 27);

    private HttpResponse<String> getAs(YahooSimulator simulator, String path, String agent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("User-Agent", agent).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerALibraryUserAgent429UnderTheRealisticProfileAndServeTheKindProfileToAnyone() throws Exception {
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ZERO, 0).withProfile(SimulatorProfile.REALISTIC).start()) {
            assertThat(simulator.profile()).isEqualTo(SimulatorProfile.REALISTIC);
            assertThat(getAs(simulator, "okhttp/5.5.1").statusCode()).isEqualTo(429);
            assertThat(getAs(simulator, "Java-http-client/17").statusCode()).isEqualTo(429);
            assertThat(getAs(simulator, "python-requests/2.32.3").statusCode()).isEqualTo(429);
            assertThat(getAs(simulator, dev.barfill.fetcher.provider.UserAgent.BROWSER).statusCode()).isEqualTo(200);
            assertThat(simulator.rateLimited()).isEqualTo(3);
        }
        SimulatedMarket market = new SimulatedMarket(CalendarRegistry.defaults());
        try (YahooSimulator simulator = new YahooSimulator(market, Duration.ZERO, 0)
                .withProfile(SimulatorProfile.KIND).start()) {
            HttpResponse<String> kind = getAs(simulator, "okhttp/5.5.1");
            assertThat(kind.statusCode()).isEqualTo(200);
            dev.barfill.core.Symbol aapl = dev.barfill.core.Symbol.parse("AAPL");
            assertThat(kind.body()).isEqualTo(new String(YahooSimulator.chart(aapl, "15m", market.bars(aapl,
                    Duration.ofMinutes(15), java.time.Instant.ofEpochSecond(1795789800L),
                    java.time.Instant.ofEpochSecond(1795802400L))), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(simulator.realistic()).isEmpty();
        }
    }

    @Test
    void shouldServeRealisticRowsThatTheFetchersParserTurnsIntoExactlyTheKeptBarsAndTheClosingTick() throws Exception {
        String browser = dev.barfill.fetcher.provider.UserAgent.BROWSER;
        dev.barfill.core.Symbol thin = dev.barfill.core.Symbol.parse("ABCY");
        var calendar = CalendarRegistry.defaults().forSymbol(thin);
        var sessions = calendar.sessions(DAY.minusDays(40), DAY);
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ZERO, 0).withProfile(SimulatorProfile.REALISTIC, RealisticTraits.defaults()
                .withSlow(0, Duration.ZERO)).start()) {
            RealisticMarket served = simulator.realistic().orElseThrow();
            String path = "/v8/finance/chart/ABCY?period1=" + sessions.get(0).open().getEpochSecond() + "&period2="
                    + sessions.get(sessions.size() - 1).close().plusSeconds(60).getEpochSecond() + "&interval=15m";
            HttpResponse<String> answer = getAs(simulator, path, browser);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("null,");
            var parsed = dev.barfill.fetcher.provider.YahooChartParser.bars(dev.barfill.core.Json.mapper()
                    .readTree(answer.body()));
            List<dev.barfill.core.Bar> expected = new ArrayList<>();
            for (var s : sessions) {
                expected.addAll(served.keptBars(thin, Duration.ofMinutes(15), s.day()));
                expected.add(parsed.stream().filter(b -> b.ts().equals(s.close())).findFirst().orElseThrow());
            }
            assertThat(parsed).containsExactlyElementsOf(expected);
            assertThat(parsed).filteredOn(b -> b.volume() == 0).hasSize(sessions.size());
        }
    }

    @Test
    void shouldAnswerOneWeeklyRowPerWeekStampedOnMondayAndAnswerTheSlowShareLate() throws Exception {
        String browser = dev.barfill.fetcher.provider.UserAgent.BROWSER;
        try (YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ZERO, 0).withProfile(SimulatorProfile.REALISTIC, RealisticTraits.defaults()
                .withSlow(1, Duration.ofMillis(300))).start()) {
            // 2026-08-31 to 2026-09-18; Monday 2026-09-07 is Labor Day.
            String path = "/v8/finance/chart/AAPL?period1=1788134400&period2=1789776000&interval=1wk";
            long t0 = System.nanoTime();
            HttpResponse<String> answer = getAs(simulator, path, browser);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            var timestamps = dev.barfill.core.Json.mapper().readTree(answer.body())
                    .path("chart").path("result").path(0).path("timestamp");
            List<Long> stamps = new ArrayList<>();
            timestamps.forEach(t -> stamps.add(t.asLong()));
            assertThat(stamps).containsExactly(java.time.Instant.parse("2026-08-31T13:30:00Z").getEpochSecond(),
                    java.time.Instant.parse("2026-09-07T13:30:00Z").getEpochSecond(),
                    java.time.Instant.parse("2026-09-14T13:30:00Z").getEpochSecond());
        }
    }
}

package dev.barfill.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Bar;
import dev.barfill.core.Json;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.fetcher.provider.UserAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedWeeksTest {
    private final SimulatedMarket market = new SimulatedMarket(CalendarRegistry.defaults());

    @Test
    void shouldAnswer1wkWithOneMondayStampedRowPerWeekAsYahooDoesEvenOnAHolidayMonday() throws Exception {
        // Sunday 2026-02-08 00:00 New York to Saturday 2026-02-28: the weeks of 9, 16 (Presidents' Day) and 23 Feb.
        long period1 = Instant.parse("2026-02-08T05:00:00Z").getEpochSecond();
        long period2 = Instant.parse("2026-02-28T05:00:00Z").getEpochSecond();
        try (YahooSimulator simulator = new YahooSimulator(market, Duration.ZERO, 0).start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    simulator.baseUrl() + "/v8/finance/chart/AAPL?period1=" + period1 + "&period2=" + period2
                            + "&interval=1wk")).header("User-Agent", UserAgent.BROWSER).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode result = Json.mapper().readTree(response.body()).path("chart").path("result").get(0);
            List<Instant> stamps = new ArrayList<>();
            result.path("timestamp").forEach(t -> stamps.add(Instant.ofEpochSecond(t.asLong())));
            assertThat(stamps).containsExactly(Instant.parse("2026-02-09T14:30:00Z"),
                    Instant.parse("2026-02-16T14:30:00Z"), Instant.parse("2026-02-23T14:30:00Z"));
        }
    }

    @Test
    void shouldBuildAWeekFromTheDailyBarsOfAllItsSessions() {
        Symbol aapl = Symbol.parse("AAPL");
        List<Bar> weeks = new SimulatedWeeks(market).rows(aapl, Instant.parse("2026-02-15T05:00:00Z"),
                Instant.parse("2026-02-21T05:00:00Z"));
        // Tuesday 17 to Friday 20: four sessions, four daily bars and their closing ticks.
        List<Bar> daily = market.bars(aapl, Duration.ofDays(1), Instant.parse("2026-02-17T05:00:00Z"),
                Instant.parse("2026-02-21T05:00:00Z")).stream().filter(b -> b.volume() > 0).toList();
        assertThat(daily).hasSize(4);
        assertThat(weeks).singleElement().satisfies(w -> {
            assertThat(w.ts()).isEqualTo(Instant.parse("2026-02-16T14:30:00Z"));
            assertThat(w.open()).isEqualTo(daily.get(0).open());
            assertThat(w.close()).isEqualTo(daily.get(3).close());
            assertThat(w.volume()).isEqualTo(daily.stream().mapToLong(Bar::volume).sum());
            assertThat(w.high()).isEqualTo(daily.stream().mapToDouble(Bar::high).max().orElseThrow());
        });
    }
}

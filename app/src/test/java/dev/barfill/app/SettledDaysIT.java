package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.time.MutableClock;
import dev.barfill.fetcher.ProviderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settled and refreshed days on the real stack, against a local Yahoo-format server for an
 * illiquid name (intervals left out, all-null rows, the closing tick): a closed window settles
 * with exactly the bars the provider had and is then covered for good (until a bulk request asks
 * for a refresh); today's session, shown in flight while stored in part, asked
 * again after {@code planner.refresh-after}, is fetched again and its job ends with the new bars.
 */
@Tag("date-sensitive")
@Timeout(300)
class SettledDaysIT {
    private static final String SYMBOL = "ILLQ";

    @TempDir
    Path dataDir;

    private static EmbeddedStack.Options options(IlliquidYahooServer yahoo, Clock clock) {
        Duration latency = Duration.ofMillis(5);
        return new EmbeddedStack.Options(0, latency, 2, SimulatorFaults.none(latency),
                f -> f.withProviders(List.of(ProviderSettings.simulator(yahoo.baseUrl(), 6000)))).withClock(clock);
    }

    private static long count(EmbeddedStack stack, String sql) throws Exception {
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JobProgress finished(ApiClient api, String jobId, Instant updatedFrom) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.job(jobId).orElse(null),
                        j -> j != null && j.status().finished() && !j.updatedAt().isBefore(updatedFrom));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void shouldSettleAnIlliquidWindowWithTheBarsTheProviderHadAndFetchItAgainOnlyWhenABulkRequestAsksForARefresh() throws Exception {
        // A day back from the latest close: every session of the window closed well before the settle delay ran out.
        RecentSessions window = RecentSessions.last(20, 1);
        Clock clock = RecentSessions.clock();
        Instant now = clock.instant();
        long traded = window.sessions().stream()
                .mapToLong(s -> IlliquidYahooServer.tradedIntervals(s, now).size()).sum();
        try (IlliquidYahooServer yahoo = new IlliquidYahooServer(clock);
             EmbeddedStack stack = EmbeddedStack.start(dataDir, options(yahoo, clock))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            CoverageRequest request = CoverageRequest.ofRange(SYMBOL, "15m", window.from(), window.to());
            JsonNode first = api.ensureCoverage(request);
            assertThat(first.path("hasCoverage").asBoolean()).isFalse();

            JobProgress done = finished(api, first.path("jobId").asText(), Instant.EPOCH);
            assertThat(done.status()).as(done.lastErrors().toString()).isEqualTo(JobStatus.DONE);
            assertThat(done.barsWritten()).isEqualTo(traded);
            assertThat(done.sparseDays()).isEqualTo(window.days());
            assertThat(done.sparseDates()).containsExactlyElementsOf(window.sessions().stream().map(Session::day)
                    .toList());
            assertThat(count(stack, "SELECT count(*) FROM ohlc_bars WHERE symbol = '" + SYMBOL + "'"))
                    .as("nulls and closing ticks dropped, nothing invented").isEqualTo(traded);
            assertThat(count(stack, "SELECT count(*) FROM bar_coverage WHERE symbol = '" + SYMBOL + "'"
                    + " AND settled AND NOT complete AND fetched_at IS NOT NULL")).isEqualTo(window.days());

            long requests = yahoo.requests();
            JsonNode again = api.ensureCoverage(request);
            assertThat(again.path("hasCoverage").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.path("jobId").isNull() || again.path("jobId").isMissingNode()).as(again.toString())
                    .isTrue();
            assertThat(again.path("sparseDays").asInt()).isEqualTo(window.days());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> yahoo.requests() == requests);

            // "refresh": true on a bulk request fetches the settled window again, as on a single one.
            Instant asked = clock.instant();
            JsonNode bulk = api.ensureCoverage(new BulkCoverageRequest(List.of(SYMBOL), "15m", window.from(),
                    window.to(), null, null, "test", true));
            JsonNode result = bulk.path("results").get(0);
            assertThat(result.path("outcome").asText()).as(bulk.toString()).isEqualTo("queued");
            assertThat(bulk.path("queued").asInt()).isEqualTo(1);
            JobProgress refreshed = finished(api, result.path("answer").path("jobId").asText(), asked);
            assertThat(refreshed.status()).as(refreshed.lastErrors().toString()).isEqualTo(JobStatus.DONE);
            assertThat(yahoo.requests()).as("the window fetched again").isGreaterThan(requests);
            assertThat(count(stack, "SELECT count(*) FROM ohlc_bars WHERE symbol = '" + SYMBOL + "'"))
                    .isEqualTo(traded);
        }
    }

    @Test
    void shouldFetchTodayAgainWhenAskedAfterRefreshAfterAndEndTheJobWithTheNewBars() throws Exception {
        // "Today" is a recent session at 2h14 after its open: eight 15m intervals have ended.
        Session today = RecentSessions.last(1, 1).sessions().get(0);
        MutableClock clock = new MutableClock(today.open().plus(Duration.ofMinutes(134)));
        try (IlliquidYahooServer yahoo = new IlliquidYahooServer(clock);
             EmbeddedStack stack = EmbeddedStack.start(dataDir, options(yahoo, clock))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            CoverageRequest request = CoverageRequest.ofRange(SYMBOL, "15m", today.day(), today.day());
            String dayFilter = " WHERE symbol = '" + SYMBOL + "' AND ts::date = '" + today.day() + "'";

            JsonNode first = api.ensureCoverage(request);
            JobProgress morning = finished(api, first.path("jobId").asText(), Instant.EPOCH);
            assertThat(morning.status()).isEqualTo(JobStatus.DONE);
            long before = IlliquidYahooServer.tradedIntervals(today, clock.instant()).size();
            assertThat(count(stack, "SELECT count(*) FROM ohlc_bars" + dayFilter)).isEqualTo(before);
            assertThat(count(stack, "SELECT count(*) FROM bar_coverage WHERE symbol = '" + SYMBOL
                    + "' AND NOT settled")).isEqualTo(1);
            JsonNode days = get(stack.apiUrl() + "/v1/coverage?symbol=" + SYMBOL + "&timeframe=15m&from=" + today.day()
                    + "&to=" + today.day());
            assertThat(days.path("days").get(0).path("state").asText()).as("stored in part, not final: not sparse")
                    .isEqualTo("IN_FLIGHT");
            assertThat(days.path("days").get(0).path("bars").asLong()).isEqualTo(before);
            assertThat(days.path("hasCoverage").asBoolean()).isFalse();

            clock.advance(Duration.ofMinutes(2));
            long after = IlliquidYahooServer.tradedIntervals(today, clock.instant()).size();
            assertThat(after).as("the 2h00 interval has ended, with a trade").isGreaterThan(before);
            JsonNode second = api.ensureCoverage(request);
            assertThat(second.path("hasCoverage").asBoolean()).isFalse();
            assertThat(second.path("jobId").asText()).isEqualTo(first.path("jobId").asText());

            JobProgress refreshed = finished(api, second.path("jobId").asText(), clock.instant());
            assertThat(refreshed.status()).isEqualTo(JobStatus.DONE);
            assertThat(count(stack, "SELECT count(*) FROM ohlc_bars" + dayFilter)).isEqualTo(after);
            assertThat(count(stack, "SELECT bar_count FROM bar_coverage WHERE symbol = '" + SYMBOL + "'"))
                    .isEqualTo(after);
            assertThat(refreshed.sparseDays()).as("a session not settled is not sparse").isZero();
        }
    }

}

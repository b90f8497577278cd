package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Bar;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a chart app does, on the real stack: draw from {@code /v1/bars} at once, ensure coverage,
 * follow the job's event stream to 100%, read the new bars, streamed.
 */
@Tag("date-sensitive")
@Timeout(300)
class ChartFlowIT {
    // The window of the coverage scenario: the last nine closed sessions at the process clock.
    private static final LocalDate FROM = CoverageScenario.FROM;
    private static final LocalDate TO = CoverageScenario.TO;
    private static final int BARS = CoverageScenario.BARS_PER_SYMBOL;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private static JsonNode bars(String apiUrl, String query) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/v1/bars?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void shouldLetAChartDrawAskFollowTheStreamToOneHundredAndReadTheNewBars() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, Duration.ofMillis(10), 3))) {
            String window = "symbol=AAPL&timeframe=15m&from=" + FROM + "&to=" + TO;
            assertThat(bars(stack.apiUrl(), window).path("count").asInt()).isZero();

            ApiClient api = new ApiClient(stack.apiUrl());
            JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", FROM, TO));
            assertThat(answer.path("hasCoverage").asBoolean()).isFalse();
            List<Integer> seen = new ArrayList<>();
            Optional<JobProgress> last = api.follow(answer.path("jobId").asText(), p -> seen.add(p.progress()));
            assertThat(last).hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(JobStatus.DONE));
            assertThat(seen).isSorted().endsWith(100);

            JsonNode all = bars(stack.apiUrl(), window);
            assertThat(all.path("count").asInt()).isEqualTo(BARS).isEqualTo(all.path("bars").size());
            assertThat(all.path("count").asLong()).isEqualTo(storedBars(stack));
            List<Instant> times = new ArrayList<>();
            all.path("bars").forEach(b -> times.add(Instant.parse(b.path("ts").asText())));
            assertThat(times).isSorted().doesNotHaveDuplicates();
            // The chart draws what the provider served for those times, and coverage counts what is stored.
            List<Bar> served = StoredBars.served("AAPL", Timeframe.M15, CoverageScenario.WINDOW.sessions());
            List<Bar> drawn = new ArrayList<>();
            for (JsonNode bar : all.path("bars")) {
                drawn.add(Json.mapper().treeToValue(bar, Bar.class));
            }
            assertThat(drawn).containsExactlyElementsOf(served);
            StoredBars.assertStored(stack.dataSource(), "AAPL", Timeframe.M15, served);
            assertThat(StoredBars.assertCoverageAgreesWithBars(stack.dataSource()))
                    .isEqualTo(CoverageScenario.WINDOW.days());

            // Readiness follows the planner through rebalances (new retry topics trigger one): wait for it.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/health/ready"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(Json.mapper().readTree(ready.body()).path("checks").fieldNames()).toIterable()
                        .containsExactly("kafka", "postgres", "job-view", "planner-streams", "planner", "providers", "sink");
            });
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/bars\",status=\"200\"}");

            assertThat(bars(stack.apiUrl(), window + "&limit=10").path("bars").size()).isEqualTo(10);
            assertThat(api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", FROM, TO)).path("hasCoverage")
                    .asBoolean()).isTrue();

            // The stack reads "today" from its clock (shifted in CI's second run): a one-day window ends on
            // the latest session opened at that clock's now, not at the machine's.
            JsonNode lastDay = api.ensureCoverage(CoverageRequest.ofDays("MSFT", "15m", 1));
            assertThat(lastDay.path("to").asText())
                    .isEqualTo(RecentSessions.XNYS.lastOpenedDay(RecentSessions.clock().instant()).toString());
        }
    }

    private static long storedBars(EmbeddedStack stack) throws Exception {
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ohlc_bars WHERE symbol = 'AAPL' AND timeframe = '15m'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

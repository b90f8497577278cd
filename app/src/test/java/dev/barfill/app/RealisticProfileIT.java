package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.app.simulator.SimulatorProfile;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path against the realistic simulator (thin days, rows of null prices, the closing tick,
 * slow answers, 429 for library agents) on the embedded stack: what is stored is exactly what was
 * served, less what a client must drop. A thin day is stored incomplete but settled: asked again,
 * the window is covered, with its thin days reported sparse, and the simulator hears nothing more.
 */
@Tag("date-sensitive")
@Timeout(300)
class RealisticProfileIT {
    // Nine closed sessions at the process clock, as the stack's own clock sees them, a day back from
    // the latest close so that every one has settled (fetcher.settle-delay) whatever the time of day.
    private static final RecentSessions WINDOW = RecentSessions.last(9, 1);
    // AAPL trades thin on some days chosen by hash; ABCY, ending in Y, on every day.
    private static final List<String> SYMBOLS = List.of("AAPL", "ABCY");

    @TempDir
    Path dataDir;

    private static EmbeddedStack.Options realistic() {
        return new EmbeddedStack.Options(0, Duration.ofMillis(10), 3).withSimulatorProfile(SimulatorProfile.REALISTIC);
    }

    @Test
    void shouldStoreExactlyTheBarsTheRealisticSimulatorServedLessNullRowsAndClosingTicks() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, realistic())) {
            RealisticMarket served = stack.simulator().realistic().orElseThrow();
            ApiClient api = new ApiClient(stack.apiUrl());
            List<String> jobIds = new ArrayList<>();
            for (String symbol : SYMBOLS) {
                JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", WINDOW.from(), WINDOW.to()));
                assertThat(answer.path("tradingDays").asInt()).isEqualTo(WINDOW.days());
                jobIds.add(answer.path("jobId").asText());
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (String id : jobIds) {
                    assertThat(api.job(id)).hasValueSatisfying(job -> assertThat(job.status()).isEqualTo(JobStatus.DONE));
                }
            });

            int full = WINDOW.bars(Timeframe.M15);
            for (int i = 0; i < SYMBOLS.size(); i++) {
                String symbol = SYMBOLS.get(i);
                var kept = StoredBars.served(served, symbol, Timeframe.M15, WINDOW.sessions());
                assertThat(StoredBars.stored(stack.dataSource(), symbol, Timeframe.M15)).as(symbol)
                        .containsExactlyElementsOf(kept);
                assertThat(api.job(jobIds.get(i)).orElseThrow().barsWritten()).isEqualTo(kept.size());
            }
            // The traits were there to be dropped: thin intervals, null rows, one closing tick a day.
            assertThat(StoredBars.served(served, "ABCY", Timeframe.M15, WINDOW.sessions())).hasSizeLessThan(full);
            assertThat(WINDOW.sessions()).allMatch(s -> served.thinDay(Symbol.parse("ABCY"), s.day()));
            assertThat(SYMBOLS.stream().mapToInt(s -> StoredBars.nullRows(served, s, Timeframe.M15, WINDOW.sessions()))
                    .sum()).isPositive();
            assertThat(Sql.count(stack.dataSource(), "SELECT count(*) FROM ohlc_bars WHERE volume = 0")).isZero();
            assertThat(stack.simulator().libraryAgentRequests()).isZero();

            // Thin days settled: asked again, every window is covered and nothing is fetched again.
            long requests = stack.simulator().requests();
            for (String symbol : SYMBOLS) {
                JsonNode again = api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", WINDOW.from(), WINDOW.to()));
                assertThat(again.path("hasCoverage").asBoolean()).as(again.toString()).isTrue();
                List<LocalDate> sparse = sparseDays(served, symbol);
                List<LocalDate> reported = new ArrayList<>();
                again.path("sparseDates").forEach(d -> reported.add(LocalDate.parse(d.asText())));
                assertThat(reported).as(symbol + ": days stored short of their session").isEqualTo(sparse);
                assertThat(again.path("sparseDays").asInt()).isEqualTo(sparse.size());
            }
            assertThat(sparseDays(served, "ABCY")).as("the thin symbol's days").isNotEmpty();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> stack.simulator().requests() == requests);
        }
    }

    /** The sessions of the window for which the simulator served fewer bars than the session holds. */
    private static List<LocalDate> sparseDays(RealisticMarket served, String symbol) {
        return WINDOW.sessions().stream()
                .filter(s -> served.keptBars(Symbol.parse(symbol), Timeframe.M15.length(), s.day()).size()
                        < s.expectedBars(Timeframe.M15))
                .map(Session::day).toList();
    }

    @Test
    void shouldStoreNothingWhenTheFetcherAsksWithALibraryUserAgent() throws Exception {
        EmbeddedStack.Options options = new EmbeddedStack.Options(0, Duration.ofMillis(10), 3,
                dev.barfill.app.simulator.SimulatorFaults.none(Duration.ofMillis(10)), f -> f.withUserAgent("okhttp/5.5.1"))
                .withSimulatorProfile(SimulatorProfile.REALISTIC);
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, options)) {
            ApiClient api = new ApiClient(stack.apiUrl());
            RecentSessions two = RecentSessions.last(2);
            String jobId = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", two.from(), two.to()))
                    .path("jobId").asText();
            // Refused once and asked again after the retry tier's wait: every answer was a 429.
            await().atMost(Duration.ofMinutes(2)).until(() -> stack.simulator().libraryAgentRequests() >= 2);
            assertThat(stack.simulator().rateLimited()).isEqualTo(stack.simulator().requests());
            assertThat(Sql.count(stack.dataSource(), "SELECT count(*) FROM ohlc_bars")).isZero();
            assertThat(api.job(jobId)).hasValueSatisfying(job -> assertThat(job.status()).isNotEqualTo(JobStatus.DONE));
        }
    }
}

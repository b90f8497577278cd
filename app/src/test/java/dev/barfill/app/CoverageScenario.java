package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The end-to-end promise on whatever Kafka and PostgreSQL the roles run against: two symbols
 * requested over REST are filled completely, and the repeat is answered from storage.
 */
final class CoverageScenario {
    // The last nine closed sessions at the process clock; holidays and early closes counted by the calendar.
    static final RecentSessions WINDOW = RecentSessions.last(9);
    static final LocalDate FROM = WINDOW.from();
    static final LocalDate TO = WINDOW.to();
    static final int BARS_PER_SYMBOL = WINDOW.bars(Timeframe.M15);

    private CoverageScenario() {
    }

    /** Requests AAPL and MSFT 15m over the window and waits until both jobs are done; returns their ids. */
    static List<String> fillTwoSymbols(ApiClient api, DataSource db) throws Exception {
        List<String> jobIds = new ArrayList<>();
        for (String symbol : List.of("AAPL", "MSFT")) {
            JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", FROM, TO));
            assertThat(answer.path("hasCoverage").asBoolean()).isFalse();
            assertThat(answer.path("tradingDays").asInt()).isEqualTo(WINDOW.days());
            jobIds.add(answer.path("jobId").asText());
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String id : jobIds) {
                assertThat(api.job(id)).hasValueSatisfying(job -> {
                    assertThat(job.status()).isEqualTo(JobStatus.DONE);
                    assertThat(job.progress()).isEqualTo(100);
                    assertThat(job.barsWritten()).isEqualTo(BARS_PER_SYMBOL);
                });
            }
        });
        assertThat(Sql.count(db, "SELECT count(*) FROM ohlc_bars")).isEqualTo(2L * BARS_PER_SYMBOL);
        assertThat(Sql.count(db, "SELECT count(*) FROM bar_coverage WHERE complete")).isEqualTo(2L * WINDOW.days());
        return jobIds;
    }

    /** The same request again is answered from storage, without a job; returns the answer. */
    static JsonNode repeatFromStorage(ApiClient api) throws Exception {
        JsonNode repeat = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", FROM, TO));
        assertThat(repeat.path("hasCoverage").asBoolean()).isTrue();
        assertThat(repeat.has("jobId")).isFalse();
        return repeat;
    }
}

package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.WindowSizes;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.Symbol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record produced straight onto {@code coverage-requests} without a window gets its timeframe's default. */
class DefaultWindowTopologyTest {
    // Monday 2026-11-30 after the close.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:00:00Z"), ZoneOffset.UTC);
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));

    @TempDir
    Path stateDir;

    @Test
    void shouldPlanTheDefaultWindowOfItsTimeframeForARequestWithoutDays() throws Exception {
        try (PlannerHarness h = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo(),
                WindowSizes.standard(HistoryLimits.yahoo()))) {
            h.requests.pipeInput("AAPL:1h", Json.mapper().writeValueAsBytes(
                    new CoverageRequest("AAPL", "1h", null, null, null, null, "kafka", null)));
            List<ChunkTask> planned = h.chunks.readValuesToList();
            assertThat(planned).hasSize(90);
            LocalDate from = XNYS.startOfLastTradingDays(LocalDate.of(2026, 11, 30), 90);
            assertThat(planned.get(0).day()).isEqualTo(from);
            assertThat(planned.get(89).day()).isEqualTo(LocalDate.of(2026, 11, 30));
            JobProgress job = h.progress.readValue();
            assertThat(job.totalDays()).isEqualTo(90);
            // The same job id the REST API derives for the same default window.
            assertThat(job.jobId()).isEqualTo(new CoverageWindow(Series.of("AAPL", Timeframe.H1), from,
                    LocalDate.of(2026, 11, 30)).jobId());
        }
    }

    @Test
    void shouldRefuseARequestLongerThanItsTimeframeAllowsToTheDeadLetterTopic() throws Exception {
        try (PlannerHarness h = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo(),
                WindowSizes.standard(HistoryLimits.yahoo()))) {
            h.requests.pipeInput("AAPL:1m", Json.mapper().writeValueAsBytes(CoverageRequest.ofDays("AAPL", "1m", 23)));
            assertThat(h.chunks.isEmpty()).isTrue();
            assertThat(h.dlq.readRecordsToList()).hasSize(1);
        }
    }
}

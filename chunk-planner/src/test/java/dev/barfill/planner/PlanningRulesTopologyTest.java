package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.XnysCalendar;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which days a request plans: trading days only, gaps only, within the provider's history, today once open. */
class PlanningRulesTopologyTest {
    private static final ExchangeCalendar XNYS = new XnysCalendar();

    @TempDir
    Path stateDir;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static LocalDate nov(int day) {
        return LocalDate.of(2026, 11, day);
    }

    @Test
    void shouldPlanExactlyTheTradingDaysAcrossAHolidayAnEarlyCloseAndTwoWeekendsWith26And14Bars() {
        // Fri 11-20 .. Tue 12-01: weekends 21-22 and 28-29, Thanksgiving 26 closed, 27 closes at 13:00.
        try (PlannerHarness h = new PlannerHarness(stateDir, at("2026-12-02T00:00:00Z"), HistoryLimits.yahoo())) {
            String jobId = h.request("AAPL", Timeframe.M15, nov(20), LocalDate.of(2026, 12, 1));
            List<LocalDate> planned = h.chunks.readValuesToList().stream().map(ChunkTask::day).toList();
            assertThat(planned).containsExactly(nov(20), nov(23), nov(24), nov(25), nov(27), nov(30),
                    LocalDate.of(2026, 12, 1));
            Map<LocalDate, Integer> expected = planned.stream().collect(Collectors.toMap(d -> d,
                    d -> XNYS.session(d).orElseThrow().expectedBars(Timeframe.M15)));
            assertThat(expected).containsEntry(nov(27), 14).containsEntry(nov(20), 26);
            assertThat(expected.values()).filteredOn(n -> n == 26).hasSize(6);

            JobProgress job = h.progress.readValue();
            assertThat(job.jobId()).isEqualTo(jobId);
            assertThat(job.totalDays()).isEqualTo(7);
            assertThat(job.expectedBars()).isEqualTo(6 * 26 + 14);

            planned.forEach(day -> h.written("AAPL", Timeframe.M15, day, expected.get(day)));
            JobProgress done = h.progress.readKeyValuesToMap().get(jobId);
            assertThat(done.status()).isEqualTo(JobStatus.DONE);
            assertThat(done.doneDays()).isEqualTo(7);
            assertThat(done.barsWritten()).isEqualTo(done.expectedBars());
        }
    }

    @Test
    void shouldReportDaysOlderThanTheProviderHistoryAsUnavailableAndNeverPlanThem() {
        // Yahoo serves 1m bars for 30 days: on 11-30 17:00 New York, the sessions of 10-26..10-30 are gone.
        try (PlannerHarness h = new PlannerHarness(stateDir, at("2026-11-30T22:00:00Z"), HistoryLimits.yahoo())) {
            String jobId = h.request("AAPL", Timeframe.M1, LocalDate.of(2026, 10, 26), nov(6));
            List<LocalDate> planned = h.chunks.readValuesToList().stream().map(ChunkTask::day).toList();
            assertThat(planned).containsExactly(nov(2), nov(3), nov(4), nov(5), nov(6));
            JobProgress job = h.progress.readValue();
            assertThat(job.unavailableDays()).isEqualTo(5);
            assertThat(job.unavailableDates()).containsExactly(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 10, 27),
                    LocalDate.of(2026, 10, 28), LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 30));
            assertThat(job.totalDays()).isEqualTo(10);
            assertThat(job.progress()).isEqualTo(50);
            assertThat(job.expectedBars()).isEqualTo(5 * 390);

            planned.forEach(day -> h.written("AAPL", Timeframe.M1, day, 390));
            JobProgress done = h.progress.readKeyValuesToMap().get(jobId);
            assertThat(done.status()).isEqualTo(JobStatus.DONE);
            assertThat(done.progress()).isEqualTo(100);
            assertThat(done.failedDays()).isZero();
        }
    }

    @Test
    void shouldFinishAJobWhoseWholeWindowIsBeyondTheProviderHistoryWithoutAChunk() {
        try (PlannerHarness h = new PlannerHarness(stateDir, at("2026-11-30T22:00:00Z"), HistoryLimits.yahoo())) {
            h.request("AAPL", Timeframe.M1, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 4));
            assertThat(h.chunks.isEmpty()).isTrue();
            JobProgress job = h.progress.readValue();
            assertThat(job.status()).isEqualTo(JobStatus.DONE);
            assertThat(job.unavailableDays()).isEqualTo(4);
            assertThat(job.progress()).isEqualTo(100);
        }
    }

    @Test
    void shouldPlanOldDailyBarsThatTheProviderKeepsForEver() {
        try (PlannerHarness h = new PlannerHarness(stateDir, at("2026-11-30T22:00:00Z"), HistoryLimits.yahoo())) {
            h.request("AAPL", Timeframe.D1, LocalDate.of(2020, 3, 2), LocalDate.of(2020, 3, 6));
            assertThat(h.chunks.readValuesToList()).hasSize(5);
            assertThat(h.progress.readValue().unavailableDays()).isZero();
        }
    }

    @Test
    void shouldPlanTodayOnceTheSessionHasOpenedAndPlanItAgainWhileItIsStoredIncomplete() {
        // Monday 11-30, 10:00 New York: the session is half an hour old.
        try (PlannerHarness h = new PlannerHarness(stateDir, at("2026-11-30T15:00:00Z"), HistoryLimits.yahoo())) {
            h.send("AAPL", Timeframe.M15, CoverageRequest.ofDays("AAPL", "15m", 2));
            assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(nov(27), nov(30));
            h.written("AAPL", Timeframe.M15, nov(27), 14);
            // Today's bars are written but the day stays incomplete in bar_coverage until the close.
            h.events.pipeInput("AAPL:15m", new ChunkEvent("AAPL", Timeframe.M15, nov(30), ChunkEventType.WRITTEN,
                    2, 0, "yahoo", null, h.clock.instant()));

            h.send("AAPL", Timeframe.M15, CoverageRequest.ofDays("AAPL", "15m", 3));
            assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(nov(25), nov(30));
        }
    }

    @Test
    void shouldNotPlanASessionThatHasNotOpenedYet() {
        // Monday 11-30, 09:00 New York: today's session opens in half an hour.
        try (PlannerHarness h = new PlannerHarness(stateDir, at("2026-11-30T14:00:00Z"), HistoryLimits.yahoo())) {
            h.request("AAPL", Timeframe.M15, nov(27), nov(30));
            assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(nov(27));
            assertThat(h.progress.readValue().unavailableDates()).containsExactly(nov(30));
        }
    }
}

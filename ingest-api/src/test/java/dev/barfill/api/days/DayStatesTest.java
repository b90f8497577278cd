package dev.barfill.api.days;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayStatesTest {
    private static final Instant CREATED = Instant.parse("2026-11-09T12:00:00Z");
    private static final LocalDate MON = LocalDate.of(2026, 11, 2);
    private static final List<LocalDate> WEEK = List.of(MON, MON.plusDays(1), MON.plusDays(2), MON.plusDays(3),
            MON.plusDays(4));

    private static JobProgress job(JobStatus status, int failed, List<LocalDate> pending, List<LocalDate> unavailable,
                                   List<String> errors) {
        return JobProgress.of("AAPL-15m-0123456789ab", "AAPL", Timeframe.M15, WEEK.get(0), WEEK.get(4), CREATED)
                .withDays(5, 1, 1, failed).withPendingDays(pending).withStatus(status).withProgress(60)
                .withBarsWritten(52).withUpdatedAt(CREATED.plusSeconds(60)).withLastErrors(errors)
                .withUnavailableDates(unavailable).withExpectedBars(130);
    }

    private static StoredDay stored(LocalDate day, int bars, Instant at) {
        return new StoredDay(day, bars, 26, bars >= 26, "yahoo", at);
    }

    /** Fetched at or after its close plus the settle delay: final with {@code bars}. */
    private static StoredDay settled(LocalDate day, int bars, Instant at) {
        return new StoredDay(day, bars, 26, bars >= 26, "yahoo", at, true);
    }

    /** Today's session fetched while open (or within the settle delay): stored in part, not final. */
    private static StoredDay unsettled(LocalDate day, int bars, Instant at) {
        return new StoredDay(day, bars, 26, false, "yahoo", at, false);
    }

    @Test
    void shouldShowADaySettledWithoutBarsAsFailedWithTheReasonTheJobKept() {
        JobProgress job = job(JobStatus.DONE_WITH_ERRORS, 2, List.of(), List.of(),
                List.of(WEEK.get(1) + ": HTTP 404 no such symbol", WEEK.get(2) + ": all providers failed"));
        DayGrid grid = DayStates.ofJob(WEEK, Map.of(WEEK.get(0), stored(WEEK.get(0), 26, CREATED.minusSeconds(5)),
                WEEK.get(3), stored(WEEK.get(3), 26, CREATED.plusSeconds(5)),
                WEEK.get(4), stored(WEEK.get(4), 26, CREATED.plusSeconds(6))), job);

        assertThat(grid.days()).extracting(DayStatus::state).containsExactly(DayState.COVERED, DayState.FAILED,
                DayState.FAILED, DayState.DONE, DayState.DONE);
        assertThat(grid.days().get(1).error()).isEqualTo("HTTP 404 no such symbol");
        assertThat(grid.counts()).containsEntry(DayState.FAILED, 2).containsEntry(DayState.DONE, 2)
                .containsEntry(DayState.IN_FLIGHT, 0);
    }

    @Test
    void shouldShowAFailedDayStoredSinceAsDoneSoARerunTurnsItGreen() {
        JobProgress job = job(JobStatus.DONE_WITH_ERRORS, 1, List.of(), List.of(), List.of(WEEK.get(1) + ": boom"));
        DayGrid grid = DayStates.ofJob(List.of(WEEK.get(1)),
                Map.of(WEEK.get(1), stored(WEEK.get(1), 26, CREATED.plusSeconds(600))), job);
        assertThat(grid.days().get(0).state()).isEqualTo(DayState.DONE);
        assertThat(grid.days().get(0).error()).isNull();
    }

    @Test
    void shouldShowPendingDaysInFlightWhileTheJobRunsAndMissingOnceItIsCancelled() {
        List<LocalDate> pending = List.of(WEEK.get(2), WEEK.get(3));
        assertThat(DayStates.ofJob(WEEK, Map.of(), job(JobStatus.RUNNING, 0, pending, List.of(WEEK.get(0)), List.of()))
                .days()).extracting(DayStatus::state).containsExactly(DayState.UNAVAILABLE, DayState.MISSING,
                DayState.IN_FLIGHT, DayState.IN_FLIGHT, DayState.MISSING);
        assertThat(DayStates.ofJob(WEEK, Map.of(), job(JobStatus.CANCELLED, 0, pending, List.of(), List.of()))
                .inState(DayState.IN_FLIGHT)).isEmpty();
    }

    @Test
    void shouldShowASettledDayWithFewerBarsThanItsSessionAsSparseWithItsCounts() {
        DayGrid grid = DayStates.ofSeries(WEEK, Map.of(WEEK.get(0), settled(WEEK.get(0), 20, CREATED)), List.of());
        DayStatus day = grid.days().get(0);
        assertThat(day.state()).isEqualTo(DayState.SPARSE);
        assertThat(day.bars()).isEqualTo(20);
        assertThat(day.expectedBars()).isEqualTo(26);
        assertThat(day.provider()).isEqualTo("yahoo");
    }

    @Test
    void shouldTellAChartWhichDaysAreStoredInFlightUnavailableOrMissing() {
        JobProgress running = job(JobStatus.RUNNING, 0, List.of(WEEK.get(2)), List.of(WEEK.get(0)), List.of());
        JobProgress finished = job(JobStatus.CANCELLED, 0, List.of(WEEK.get(3)), List.of(), List.of());
        DayGrid grid = DayStates.ofSeries(WEEK, Map.of(WEEK.get(1), stored(WEEK.get(1), 26, CREATED)),
                List.of(running, finished));
        assertThat(grid.days()).extracting(DayStatus::state).containsExactly(DayState.UNAVAILABLE, DayState.COVERED,
                DayState.IN_FLIGHT, DayState.MISSING, DayState.MISSING);
    }

    @Test
    void shouldShowARetryingPendingDayWithItsAttemptAndReasonWhileTheJobRuns() {
        JobProgress base = job(JobStatus.RUNNING, 0, List.of(WEEK.get(2), WEEK.get(3)), List.of(), List.of());
        dev.barfill.core.RetryingDay retry = new dev.barfill.core.RetryingDay(WEEK.get(3), 3, "yahoo",
                "yahoo answered HTTP 503", null, CREATED);
        JobProgress job = base.withExpectedBars(130).withRetrying(List.of(retry), List.of());
        DayGrid grid = DayStates.ofJob(WEEK, Map.of(), job);
        assertThat(grid.days()).extracting(DayStatus::state).containsExactly(DayState.MISSING, DayState.MISSING,
                DayState.IN_FLIGHT, DayState.RETRYING, DayState.MISSING);
        assertThat(grid.days().get(3)).satisfies(d -> {
            assertThat(d.attempt()).isEqualTo(3);
            assertThat(d.error()).isEqualTo("yahoo answered HTTP 503");
            assertThat(d.provider()).isEqualTo("yahoo");
        });
        assertThat(grid.counts()).containsEntry(DayState.RETRYING, 1).containsEntry(DayState.IN_FLIGHT, 1);
    }

    @Test
    void shouldShowOnlyTheJobsFailedDatesAsFailedWhenItKeepsThem() {
        JobProgress base = job(JobStatus.DONE_WITH_ERRORS, 1, List.of(), List.of(), List.of(WEEK.get(1) + ": boom"));
        JobProgress job = base.withExpectedBars(130).withFailedDates(List.of(WEEK.get(1)));
        assertThat(DayStates.ofJob(WEEK.subList(0, 3), Map.of(), job).days()).extracting(DayStatus::state)
                .containsExactly(DayState.MISSING, DayState.FAILED, DayState.MISSING);
    }

    @Test
    void shouldShowADayStoredInPartButNotSettledInFlightWithItsCountsNotSparse() {
        // Friday is today's session, eight bars in; Thursday closed short but settled.
        Map<LocalDate, StoredDay> stored = Map.of(WEEK.get(3), settled(WEEK.get(3), 20, CREATED),
                WEEK.get(4), unsettled(WEEK.get(4), 8, CREATED.plusSeconds(30)));
        DayGrid series = DayStates.ofSeries(WEEK.subList(3, 5), stored, List.of());
        assertThat(series.days()).extracting(DayStatus::state).containsExactly(DayState.SPARSE, DayState.IN_FLIGHT);
        DayStatus today = series.days().get(1);
        assertThat(today.bars()).isEqualTo(8);
        assertThat(today.expectedBars()).isEqualTo(26);
        assertThat(series.counts()).containsEntry(DayState.SPARSE, 1).containsEntry(DayState.IN_FLIGHT, 1);

        for (JobStatus status : List.of(JobStatus.RUNNING, JobStatus.DONE)) {
            DayGrid ofJob = DayStates.ofJob(WEEK.subList(3, 5), stored, job(status, 0, List.of(), List.of(), List.of()));
            assertThat(ofJob.days()).as(status.name()).extracting(DayStatus::state)
                    .containsExactly(DayState.SPARSE, DayState.IN_FLIGHT);
            assertThat(ofJob.days().get(1).bars()).isEqualTo(8);
        }
    }

    @Test
    void shouldShowADayStoredWholeAsCoveredWhetherSettledOrNot() {
        DayGrid grid = DayStates.ofSeries(WEEK.subList(0, 2), Map.of(WEEK.get(0), stored(WEEK.get(0), 26, CREATED),
                WEEK.get(1), settled(WEEK.get(1), 26, CREATED)), List.of());
        assertThat(grid.days()).extracting(DayStatus::state).containsExactly(DayState.COVERED, DayState.COVERED);
    }
}

package dev.barfill.api;

import dev.barfill.store.CoverageReader;
import dev.barfill.api.days.DayGrid;
import dev.barfill.api.days.DayState;
import dev.barfill.api.days.DayStates;
import dev.barfill.api.days.DayStatus;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Series;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.TradingPeriods;
import dev.barfill.core.calendar.Session;
import java.time.LocalDate;
import java.util.List;

/**
 * Per-day states of a series window ({@code GET /v1/coverage}) and of a job
 * ({@code GET /v1/jobs/{id}/days}), and the re-run of a job's failed days. Reads
 * {@code bar_coverage} once per call and the job view in memory.
 */
final class DayStatesService {
    private final CoverageRequestValidator validator;
    private final CalendarRegistry calendars;
    private final CoverageReader coverage;
    private final JobProgressView jobs;

    DayStatesService(CoverageRequestValidator validator, CalendarRegistry calendars, CoverageReader coverage,
                     JobProgressView jobs) {
        this.validator = validator;
        this.calendars = calendars;
        this.coverage = coverage;
        this.jobs = jobs;
    }

    /** The answer of {@code GET /v1/coverage}. */
    record SeriesDays(String symbol, String timeframe, LocalDate from, LocalDate to, int tradingDays,
                      boolean hasCoverage, java.util.Map<DayState, Integer> counts, List<DayStatus> days) {
    }

    /** The answer of {@code GET /v1/jobs/{id}/days}. */
    record JobDays(JobProgress job, java.util.Map<DayState, Integer> counts, List<DayStatus> days) {
    }

    SeriesDays ofSeries(CoverageRequest request) {
        CoverageWindow window = validator.validate(request);
        Series series = window.series();
        List<JobProgress> ofSeries = jobs.all().stream().filter(j -> j.series().equals(series)).toList();
        DayGrid grid = DayStates.ofSeries(sessions(window), StoredDays.of(coverage, window), ofSeries);
        int stored = grid.counts().get(DayState.COVERED) + grid.counts().get(DayState.SPARSE);
        return new SeriesDays(series.symbol().value(), series.timeframe().code(), window.from(), window.to(),
                grid.days().size(), stored == grid.days().size(), grid.counts(), grid.days());
    }

    JobDays ofJob(JobProgress job) {
        CoverageWindow window = new CoverageWindow(job.series(), job.from(), job.to());
        DayGrid grid = DayStates.ofJob(sessions(window), StoredDays.of(coverage, window), job);
        return new JobDays(job, grid.counts(), grid.days());
    }

    private List<LocalDate> sessions(CoverageWindow window) {
        return TradingPeriods.of(calendars.forSymbol(window.series().symbol()), window.series().timeframe(),
                window.from(), window.to()).stream()
                .map(Session::day).toList();
    }
}

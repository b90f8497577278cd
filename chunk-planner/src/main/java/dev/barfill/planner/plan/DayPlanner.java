package dev.barfill.planner.plan;

import dev.barfill.core.HistoryLimits;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.TradingPeriods;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a window's trading days into covered, joined, to-fetch and unavailable. Pure.
 *
 * <p>A day stored complete or settled is covered (a settled day short of bars is also sparse);
 * so is a day not final yet whose last fetch is younger than {@code refreshAfter}: today's
 * session asked every few seconds is fetched at most once per {@code refreshAfter}. A day in
 * flight is joined; a session the provider no longer serves ({@link HistoryLimits}) or that has
 * not opened yet at {@code now} is unavailable; every other day is fetched, including today's
 * session once it has opened (the fetcher stores what there is and leaves the day unsettled
 * until the close plus its settle delay). A refresh fetches every servable day again, covered or not.
 * A 1w series is planned by trading week: each "day" is the first session date of a week
 * ({@link TradingPeriods}), which holds one bar.
 */
public final class DayPlanner {
    /** Default of {@code refreshAfter}: a chart polling every minute sees each new intraday bar. */
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofSeconds(60);

    private final HistoryLimits limits;
    private final Duration refreshAfter;

    public DayPlanner(HistoryLimits limits, Duration refreshAfter) {
        this.limits = limits;
        this.refreshAfter = refreshAfter;
    }

    public DayPlanner(HistoryLimits limits) {
        this(limits, DEFAULT_REFRESH_AFTER);
    }

    public DayPlan plan(ExchangeCalendar calendar, Timeframe timeframe, LocalDate from, LocalDate to,
                        Map<LocalDate, DayCoverage> stored, boolean refresh, SeriesState state, Instant now) {
        List<LocalDate> covered = new ArrayList<>();
        List<LocalDate> joined = new ArrayList<>();
        List<LocalDate> toFetch = new ArrayList<>();
        List<LocalDate> unavailable = new ArrayList<>();
        List<LocalDate> sparse = new ArrayList<>();
        long expectedBars = 0;
        for (Session session : TradingPeriods.of(calendar, timeframe, from, to)) {
            LocalDate day = session.day();
            DayCoverage known = stored.get(day);
            boolean servable = !session.open().isAfter(now) && limits.available(timeframe, session, now);
            boolean settledOrComplete = known != null && known.covered();
            // A refresh cannot fetch what the provider no longer serves: such a stored day stays covered.
            boolean isCovered = settledOrComplete ? !refresh || !servable
                    : !refresh && known != null && known.fresh(now, refreshAfter);
            if (isCovered || servable) {
                expectedBars += session.expectedBars(timeframe);
            }
            if (isCovered) {
                covered.add(day);
                if (known.sparse()) {
                    sparse.add(day);
                }
            } else if (state.isInFlight(day)) {
                joined.add(day);
            } else if (!servable) {
                unavailable.add(day);
            } else {
                toFetch.add(day);
            }
        }
        return new DayPlan(covered, joined, toFetch, unavailable, expectedBars, sparse);
    }
}

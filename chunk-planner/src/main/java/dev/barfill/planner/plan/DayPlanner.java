package dev.barfill.planner.plan;

import dev.barfill.core.HistoryLimits;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.TradingPeriods;
import dev.barfill.core.calendar.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a window's trading days into covered, joined, to-fetch and unavailable. Pure.
 *
 * <p>A day stored complete is covered; a day in flight is joined; a session the provider no
 * longer serves ({@link HistoryLimits}) or that has not opened yet at {@code now} is unavailable;
 * every other day is fetched, including a day stored incomplete and today's session once it has
 * opened (the fetcher stores what there is and leaves the day incomplete until the close).
 * A 1w series is planned by trading week: each "day" is the first session date of a week
 * ({@link TradingPeriods}), which holds one bar.
 */
public final class DayPlanner {
    private final HistoryLimits limits;

    public DayPlanner(HistoryLimits limits) {
        this.limits = limits;
    }

    public DayPlan plan(ExchangeCalendar calendar, Timeframe timeframe, LocalDate from, LocalDate to,
                        Set<LocalDate> complete, SeriesState state, Instant now) {
        List<LocalDate> covered = new ArrayList<>();
        List<LocalDate> joined = new ArrayList<>();
        List<LocalDate> toFetch = new ArrayList<>();
        List<LocalDate> unavailable = new ArrayList<>();
        long expectedBars = 0;
        for (Session session : TradingPeriods.of(calendar, timeframe, from, to)) {
            LocalDate day = session.day();
            boolean servable = !session.open().isAfter(now) && limits.available(timeframe, session, now);
            if (complete.contains(day) || servable) {
                expectedBars += session.expectedBars(timeframe);
            }
            if (complete.contains(day)) {
                covered.add(day);
            } else if (state.isInFlight(day)) {
                joined.add(day);
            } else if (!servable) {
                unavailable.add(day);
            } else {
                toFetch.add(day);
            }
        }
        return new DayPlan(covered, joined, toFetch, unavailable, expectedBars);
    }
}

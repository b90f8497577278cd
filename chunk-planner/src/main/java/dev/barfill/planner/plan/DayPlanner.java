package dev.barfill.planner.plan;

import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a window's trading days into covered, joined and to-fetch. Pure. */
public final class DayPlanner {

    private DayPlanner() {
    }

    public static DayPlan plan(ExchangeCalendar calendar, LocalDate from, LocalDate to,
                               Set<LocalDate> complete, SeriesState state) {
        List<LocalDate> covered = new ArrayList<>();
        List<LocalDate> joined = new ArrayList<>();
        List<LocalDate> toFetch = new ArrayList<>();
        for (Session session : calendar.sessions(from, to)) {
            LocalDate day = session.day();
            if (complete.contains(day)) {
                covered.add(day);
            } else if (state.isInFlight(day)) {
                joined.add(day);
            } else {
                toFetch.add(day);
            }
        }
        return new DayPlan(covered, joined, toFetch);
    }
}

package dev.barfill.core.calendar;

import dev.barfill.core.Timeframe;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unit a series is planned, fetched, counted and stored by: one trading session for every
 * timeframe up to 1d, one trading week for 1w. Pure.
 *
 * <p>A trading week is a local Monday-to-Sunday week of the exchange holding at least one
 * session. Its period is a {@link Session} whose {@code day} is the week's first session date
 * (a chunk's {@code day}, {@code bar_coverage.day}), which opens at that session's open and
 * closes at the week's last close. Its one bar is stamped at that open: the week after
 * Presidents' Day is stamped Tuesday 09:30 New York, never the closed Monday.
 */
public final class TradingPeriods {

    private TradingPeriods() {
    }

    /**
     * The periods of {@code timeframe} from {@code from} to {@code to}: its sessions, or for 1w the
     * weeks whose first session lies there.
     */
    public static List<Session> of(ExchangeCalendar calendar, Timeframe timeframe, LocalDate from, LocalDate to) {
        if (timeframe != Timeframe.W1) {
            return calendar.sessions(from, to);
        }
        List<Session> weeks = new ArrayList<>();
        for (LocalDate monday = monday(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            week(calendar, monday).filter(w -> !w.day().isBefore(from) && !w.day().isAfter(to)).ifPresent(weeks::add);
        }
        return weeks;
    }

    /**
     * The period of {@code timeframe} whose day is {@code day}: the session of that day, or for 1w
     * the week whose first session is that day; empty otherwise.
     */
    public static Optional<Session> at(ExchangeCalendar calendar, Timeframe timeframe, LocalDate day) {
        if (timeframe != Timeframe.W1) {
            return calendar.session(day);
        }
        return week(calendar, day).filter(w -> w.day().equals(day));
    }

    /** The trading week holding {@code day}, or empty when its exchange is closed all week. */
    public static Optional<Session> week(ExchangeCalendar calendar, LocalDate day) {
        List<Session> sessions = sessionsOfWeek(calendar, day);
        if (sessions.isEmpty()) {
            return Optional.empty();
        }
        Session first = sessions.get(0);
        Session last = sessions.get(sessions.size() - 1);
        return Optional.of(new Session(first.day(), first.open(), last.close(), false));
    }

    /** The sessions of the local week (Monday to Sunday) holding {@code day}, in date order. */
    public static List<Session> sessionsOfWeek(ExchangeCalendar calendar, LocalDate day) {
        LocalDate monday = monday(day);
        LocalDate first = monday.isBefore(calendar.firstDay()) ? calendar.firstDay() : monday;
        LocalDate sunday = monday.plusDays(6);
        LocalDate last = sunday.isAfter(calendar.lastDay()) ? calendar.lastDay() : sunday;
        return first.isAfter(last) ? List.of() : calendar.sessions(first, last);
    }

    /** The Monday of the local week holding {@code day}. */
    public static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * The first day of a window of {@code timeframe} starting on {@code from}: a 1w window covers
     * whole weeks, so it starts on the Monday of its first week (never before the calendar).
     */
    public static LocalDate windowStart(ExchangeCalendar calendar, Timeframe timeframe, LocalDate from) {
        if (timeframe != Timeframe.W1) {
            return from;
        }
        LocalDate monday = monday(from);
        return monday.isBefore(calendar.firstDay()) ? calendar.firstDay() : monday;
    }
}

package dev.barfill.app;

import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.time.Clocks;
import dev.barfill.fetcher.FetcherConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A test window of the last {@code count} XNYS sessions that have closed and settled
 * ({@link FetcherConfig#DEFAULT_SETTLE_DELAY} after the close) at the process clock's now
 * ({@link Clocks#fromEnvironment()}, the clock the embedded stack uses), ending
 * {@code skipRecent} sessions back: a window asked for again is covered whatever the time of day; windows that stay inside every provider's history limit
 * whatever day the tests run, also when CI shifts the clock 400 days ahead. Expected counts come
 * from the calendar, so a holiday or an early close inside the window is counted, not assumed.
 */
record RecentSessions(LocalDate from, LocalDate to, List<Session> sessions) {
    static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));

    /** The process clock the embedded stack and role commands read, offset included. */
    static Clock clock() {
        return Clocks.fromEnvironment();
    }

    /**
     * The process clock set back (at most a few days) to a minute after the latest session's settle
     * time, for tests that let the server pick "the last N trading days" (which include a session
     * still open): on that clock every one of them has closed and settled, whatever the time of day.
     */
    static Clock settledClock() {
        Clock real = clock();
        LocalDate day = XNYS.lastClosedDay(real.instant().minus(FetcherConfig.DEFAULT_SETTLE_DELAY));
        Instant settled = XNYS.session(day).orElseThrow().close().plus(FetcherConfig.DEFAULT_SETTLE_DELAY);
        return Clock.offset(real, Duration.between(real.instant(), settled.plusSeconds(60)));
    }

    static RecentSessions last(int count) {
        return last(count, 0);
    }

    /** The {@code count} sessions ending {@code skipRecent} closed sessions before the latest one. */
    static RecentSessions last(int count, int skipRecent) {
        LocalDate to = XNYS.lastClosedDay(clock().instant().minus(FetcherConfig.DEFAULT_SETTLE_DELAY));
        for (int i = 0; i < skipRecent; i++) {
            to = XNYS.tradingDayOnOrBefore(to.minusDays(1));
        }
        LocalDate from = XNYS.startOfLastTradingDays(to, count);
        return new RecentSessions(from, to, XNYS.sessions(from, to));
    }

    int days() {
        return sessions.size();
    }

    /** Bars of one symbol over the window at {@code tf}, early closes counted. */
    int bars(Timeframe tf) {
        return sessions.stream().mapToInt(s -> s.expectedBars(tf)).sum();
    }
}

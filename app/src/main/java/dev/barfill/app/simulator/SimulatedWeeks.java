package dev.barfill.app.simulator;

import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.calendar.TradingPeriods;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Yahoo's {@code interval=1wk} answer from a {@link SimulatedMarket}: one row per week holding a
 * session, built from the daily bars of all its sessions (first open, highest high, lowest low,
 * last close, summed volume) and stamped as Yahoo stamps it: on the week's Monday at the session
 * open time (09:30 New York), even when that Monday is a holiday. A week is answered when its
 * Monday stamp or one of its sessions lies in the asked range. No closing-tick row, as on Yahoo.
 */
public final class SimulatedWeeks {
    private final SimulatedMarket market;

    public SimulatedWeeks(SimulatedMarket market) {
        this.market = market;
    }

    /** The week rows of {@code symbol} for a request of {@code [start, end)}, in time order. */
    public List<Bar> rows(Symbol symbol, Instant start, Instant end) {
        ExchangeCalendar calendar = market.calendars().forSymbol(symbol);
        ZoneId zone = calendar.zone();
        LocalDate last = end.minusSeconds(1).atZone(zone).toLocalDate();
        List<Bar> out = new ArrayList<>();
        for (LocalDate monday = TradingPeriods.monday(start.atZone(zone).toLocalDate()); !monday.isAfter(last);
                monday = monday.plusWeeks(1)) {
            List<Session> sessions = TradingPeriods.sessionsOfWeek(calendar, monday);
            if (sessions.isEmpty()) {
                continue;
            }
            Instant stamp = monday.atTime(sessions.get(0).open().atZone(zone).toLocalTime()).atZone(zone).toInstant();
            if (inRange(stamp, start, end) || sessions.stream().anyMatch(s -> inRange(s.open(), start, end))) {
                out.add(week(symbol, sessions, stamp));
            }
        }
        return out;
    }

    private Bar week(Symbol symbol, List<Session> sessions, Instant stamp) {
        double open = 0;
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double close = 0;
        long volume = 0;
        for (int i = 0; i < sessions.size(); i++) {
            // The session's one daily bar; the zero-volume closing tick that follows it is not a trade.
            Bar day = market.day(symbol, sessions.get(i), Duration.ofDays(1)).get(0);
            open = i == 0 ? day.open() : open;
            high = Math.max(high, day.high());
            low = Math.min(low, day.low());
            close = day.close();
            volume += day.volume();
        }
        return new Bar(stamp, open, high, low, close, volume);
    }

    private static boolean inRange(Instant t, Instant start, Instant end) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}

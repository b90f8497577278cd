package dev.barfill.app.simulator;

import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic bars: the same symbol, day and interval always give the same prices, so runs
 * and tests can compare what was stored with what was served. Bars follow the exchange
 * calendar, and like Yahoo each day ends with a zero-volume bar stamped at the close.
 */
public final class SimulatedMarket {
    private final CalendarRegistry calendars;

    public SimulatedMarket(CalendarRegistry calendars) {
        this.calendars = calendars;
    }

    CalendarRegistry calendars() {
        return calendars;
    }

    /** Every bar of {@code symbol} opening in {@code [start, end)} at {@code step}. */
    public List<Bar> bars(Symbol symbol, Duration step, Instant start, Instant end) {
        var calendar = calendars.forSymbol(symbol);
        LocalDate first = start.atZone(calendar.zone()).toLocalDate();
        LocalDate last = end.minusSeconds(1).atZone(calendar.zone()).toLocalDate();
        List<Bar> out = new ArrayList<>();
        for (Session session : calendar.sessions(first, last)) {
            for (Bar bar : day(symbol, session, step)) {
                if (!bar.ts().isBefore(start) && bar.ts().isBefore(end)) {
                    out.add(bar);
                }
            }
        }
        return out;
    }

    List<Bar> day(Symbol symbol, Session session, Duration step) {
        SplittableRandom random = new SplittableRandom(symbol.value().hashCode() * 31L + session.day().toEpochDay()
                + step.toSeconds() * 1_000_003L);
        double price = 20 + Math.abs(symbol.value().hashCode() % 500) + random.nextDouble() * 5;
        List<Bar> bars = new ArrayList<>();
        Instant ts = session.open();
        if (step.compareTo(Duration.ofDays(1)) >= 0) {
            step = session.length();
        }
        while (ts.isBefore(session.close())) {
            double open = price;
            double close = Math.max(1, open * (1 + (random.nextDouble() - 0.5) * 0.01));
            double high = Math.max(open, close) * (1 + random.nextDouble() * 0.003);
            double low = Math.min(open, close) * (1 - random.nextDouble() * 0.003);
            bars.add(new Bar(ts, round(open), round(high), round(low), round(close), 1_000 + random.nextInt(100_000)));
            price = close;
            ts = ts.plus(step);
        }
        bars.add(new Bar(session.close(), round(price), round(price), round(price), round(price), 0));
        return bars;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

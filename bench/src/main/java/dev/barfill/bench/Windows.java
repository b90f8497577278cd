package dev.barfill.bench;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.time.Clocks;
import java.time.LocalDate;

/** Windows of closed sessions, so every scenario asks for days whose bars are final. */
final class Windows {
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();

    private Windows() {
    }

    static CoverageRequest lastClosedDays(String symbol, String timeframe, int days) {
        ExchangeCalendar calendar = CALENDARS.forSymbol(Symbol.parse(symbol));
        LocalDate to = calendar.lastClosedDay(Clocks.fromEnvironment().instant());
        return CoverageRequest.ofRange(symbol, timeframe, calendar.startOfLastTradingDays(to, days), to);
    }

    /** Symbols S0000, S0001, ... : distinct series the simulator serves deterministically. */
    static String synthetic(int i) {
        return String.format("S%04d", i);
    }
}

package dev.barfill.sink;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Symbol;

/**
 * What makes a decoded {@code bars} record unwritable before the database is even asked: a
 * missing field or a malformed symbol. Such a record would fail on every retry, so it goes to the
 * dead-letter topic instead of holding up its partition.
 */
final class DayBarsCheck {
    private DayBarsCheck() {
    }

    /** @return why {@code day} cannot be written, or null when it can */
    static String problem(DayBars day) {
        if (day.timeframe() == null) {
            return "timeframe is missing";
        }
        if (day.day() == null) {
            return "day is missing";
        }
        if (day.provider() == null) {
            return "provider is missing";
        }
        try {
            new Symbol(day.symbol());
        } catch (IllegalArgumentException e) {
            return "symbol: " + e.getMessage();
        }
        for (int i = 0; i < day.bars().size(); i++) {
            Bar bar = day.bars().get(i);
            if (bar == null || bar.ts() == null) {
                return "bars[" + i + "] has no ts";
            }
        }
        return null;
    }
}

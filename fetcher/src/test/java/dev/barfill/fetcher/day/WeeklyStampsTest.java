package dev.barfill.fetcher.day;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.calendar.TradingPeriods;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeeklyStampsTest {
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));
    // The week of Presidents' Day: first session Tuesday 2026-02-17, 09:30 New York.
    private static final Session WEEK = TradingPeriods.week(XNYS, LocalDate.of(2026, 2, 17)).orElseThrow();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
        "2026-02-16T14:30:00Z, Yahoo on the holiday Monday at 09:30 New York",
        "2026-02-16T05:00:00Z, Alpaca at Monday midnight New York",
        "2026-02-15T05:00:00Z, Polygon at Sunday midnight New York",
        "2026-02-16T00:00:00Z, Monday midnight UTC (Sunday evening in New York)",
    })
    void shouldMoveAProvidersWeekStampToTheFirstSessionOpen(String stamp, String who) {
        Bar bar = new Bar(Instant.parse(stamp), 1, 2, 0.5, 1.5, 10);
        assertThat(WeeklyStamps.atWeekOpen(List.of(bar), WEEK, XNYS.zone())).singleElement()
                .isEqualTo(new Bar(Instant.parse("2026-02-17T14:30:00Z"), 1, 2, 0.5, 1.5, 10));
    }

    @Test
    void shouldLeaveAnotherWeeksBarAlone() {
        Bar before = new Bar(Instant.parse("2026-02-09T14:30:00Z"), 1, 2, 0.5, 1.5, 10);
        Bar after = new Bar(Instant.parse("2026-02-23T14:30:00Z"), 1, 2, 0.5, 1.5, 10);
        assertThat(WeeklyStamps.atWeekOpen(List.of(before, after), WEEK, XNYS.zone())).containsExactly(before, after);
    }
}

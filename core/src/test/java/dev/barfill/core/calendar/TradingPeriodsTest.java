package dev.barfill.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradingPeriodsTest {
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));

    @Test
    void shouldStampAWeekWhoseMondayIsAHolidayOnTuesdaysOpen() {
        // Presidents' Day, Monday 2026-02-16: the week's first session is Tuesday the 17th.
        Session week = TradingPeriods.week(XNYS, LocalDate.of(2026, 2, 19)).orElseThrow();
        assertThat(week.day()).isEqualTo(LocalDate.of(2026, 2, 17));
        assertThat(week.open()).isEqualTo(Instant.parse("2026-02-17T14:30:00Z"));
        assertThat(week.close()).isEqualTo(Instant.parse("2026-02-20T21:00:00Z"));
        assertThat(week.expectedBars(Timeframe.W1)).isEqualTo(1);
    }

    @Test
    void shouldEndAWeekAtItsLastSessionsClose() {
        // Good Friday 2026-04-03 is closed: the week ends on Thursday's close.
        Session week = TradingPeriods.week(XNYS, LocalDate.of(2026, 3, 30)).orElseThrow();
        assertThat(week.day()).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(week.close()).isEqualTo(Instant.parse("2026-04-02T20:00:00Z"));
    }

    @Test
    void shouldGiveOnePeriodPerWeekWhoseFirstSessionLiesInTheWindow() {
        List<Session> weeks = TradingPeriods.of(XNYS, Timeframe.W1, LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 27));
        assertThat(weeks).extracting(Session::day).containsExactly(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 9),
                LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 23));
        assertThat(TradingPeriods.of(XNYS, Timeframe.D1, LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 27)))
                .hasSize(19);
    }

    @Test
    void shouldFindAWeekOnlyByItsFirstSessionDate() {
        assertThat(TradingPeriods.at(XNYS, Timeframe.W1, LocalDate.of(2026, 2, 17))).isPresent();
        assertThat(TradingPeriods.at(XNYS, Timeframe.W1, LocalDate.of(2026, 2, 16))).isEmpty();
        assertThat(TradingPeriods.at(XNYS, Timeframe.W1, LocalDate.of(2026, 2, 18))).isEmpty();
        assertThat(TradingPeriods.at(XNYS, Timeframe.D1, LocalDate.of(2026, 2, 18))).isPresent();
    }

    @Test
    void shouldStartAWeeklyWindowOnTheMondayOfItsFirstWeek() {
        assertThat(TradingPeriods.windowStart(XNYS, Timeframe.W1, LocalDate.of(2026, 2, 19)))
                .isEqualTo(LocalDate.of(2026, 2, 16));
        assertThat(TradingPeriods.windowStart(XNYS, Timeframe.D1, LocalDate.of(2026, 2, 19)))
                .isEqualTo(LocalDate.of(2026, 2, 19));
    }
}

package dev.barfill.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AlwaysOpenCalendarTest {
    private final AlwaysOpenCalendar calendar = new AlwaysOpenCalendar();

    @Test
    void shouldBeCalled24x7AndLiveInUtc() {
        assertThat(calendar.id()).isEqualTo("24x7");
        assertThat(calendar.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void shouldTradeOnWeekendsAndExchangeHolidays() {
        assertThat(calendar.isTradingDay(LocalDate.of(2026, 3, 7))).isTrue();
        assertThat(calendar.isTradingDay(LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(calendar.isTradingDay(LocalDate.of(1970, 1, 1))).isTrue();
    }

    @Test
    void shouldRunFromMidnightToMidnightUtcEvenWhenNewYorkChangesClocks() {
        Session session = calendar.session(LocalDate.of(2026, 3, 8)).orElseThrow();

        assertThat(session.open()).isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(session.close()).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
        assertThat(session.earlyClose()).isFalse();
    }

    @Test
    void shouldHoldADayOfBarsAtEveryTimeframe() {
        Session session = calendar.session(LocalDate.of(2026, 6, 1)).orElseThrow();

        assertThat(session.expectedBars(Timeframe.M1)).isEqualTo(1440);
        assertThat(session.expectedBars(Timeframe.M15)).isEqualTo(96);
        assertThat(session.expectedBars(Timeframe.H1)).isEqualTo(24);
        assertThat(session.expectedBars(Timeframe.H4)).isEqualTo(6);
        assertThat(session.expectedBars(Timeframe.D1)).isEqualTo(1);
    }

    @Test
    void shouldCountEveryCalendarDay() {
        assertThat(calendar.countTradingDays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
                .isEqualTo(366);
        assertThat(calendar.tradingDayOnOrBefore(LocalDate.of(2026, 3, 8)))
                .isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(calendar.startOfLastTradingDays(LocalDate.of(2026, 3, 8), 7))
                .isEqualTo(LocalDate.of(2026, 3, 2));
    }
}

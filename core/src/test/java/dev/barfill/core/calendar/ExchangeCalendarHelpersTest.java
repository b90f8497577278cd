package dev.barfill.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trading-day helpers of {@link ExchangeCalendar}, run against XNYS where they matter. */
class ExchangeCalendarHelpersTest {
    private final ExchangeCalendar xnys = new XnysCalendar();

    @ParameterizedTest(name = "{0} has {1} NYSE trading days")
    @CsvSource({"2020, 253", "2021, 252", "2022, 251", "2023, 250", "2024, 252", "2025, 250",
            "2026, 251"})
    void shouldCountThePublishedNumberOfTradingDaysInAYear(int year, int tradingDays) {
        assertThat(xnys.countTradingDays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)))
                .isEqualTo(tradingDays);
    }

    @Test
    void shouldCountBothEndsInclusiveAndNothingForAnEmptyRange() {
        LocalDate monday = LocalDate.of(2026, 3, 9);

        assertThat(xnys.countTradingDays(monday, monday)).isEqualTo(1);
        assertThat(xnys.countTradingDays(monday, monday.plusDays(6))).isEqualTo(5);
        assertThat(xnys.countTradingDays(monday, monday.minusDays(1))).isZero();
    }

    @Test
    void shouldStepBackOverHolidaysAndWeekends() {
        assertThat(xnys.tradingDayOnOrBefore(LocalDate.of(2026, 11, 26)))
                .isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(xnys.tradingDayOnOrBefore(LocalDate.of(2026, 4, 5)))
                .isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(xnys.tradingDayOnOrBefore(LocalDate.of(2001, 9, 16)))
                .isEqualTo(LocalDate.of(2001, 9, 10));
        assertThat(xnys.tradingDayOnOrBefore(LocalDate.of(2026, 4, 2)))
                .isEqualTo(LocalDate.of(2026, 4, 2));
    }

    @Test
    void shouldStepForwardOverHolidaysAndWeekends() {
        assertThat(xnys.tradingDayOnOrAfter(LocalDate.of(2026, 4, 3)))
                .isEqualTo(LocalDate.of(2026, 4, 6));
        assertThat(xnys.tradingDayOnOrAfter(LocalDate.of(2012, 10, 27)))
                .isEqualTo(LocalDate.of(2012, 10, 31));
        assertThat(xnys.tradingDayOnOrAfter(LocalDate.of(2026, 11, 27)))
                .isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void shouldFindTheFirstOfTheLastNTradingDaysAcrossNewYear() {
        // 2026-01-05 Mon, 01-02 Fri, (01-01 holiday), 2025-12-31 Wed.
        assertThat(xnys.startOfLastTradingDays(LocalDate.of(2026, 1, 5), 3))
                .isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(xnys.startOfLastTradingDays(LocalDate.of(2026, 1, 4), 1))
                .isEqualTo(LocalDate.of(2026, 1, 2));
    }

    @Test
    void shouldListSessionsInDateOrderSkippingClosedDays() {
        assertThat(xnys.sessions(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 29)))
                .extracting(Session::day)
                .containsExactly(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 24),
                        LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 29));
    }
}

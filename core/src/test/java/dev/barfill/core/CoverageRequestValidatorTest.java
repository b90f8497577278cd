package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.calendar.CalendarRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.TradingPeriods;

class CoverageRequestValidatorTest {
    // Monday 2026-11-30, 15:00 UTC = 10:00 New York: today's session has opened.
    private static final Clock MONDAY_MORNING = Clock.fixed(Instant.parse("2026-11-30T15:00:00Z"), ZoneOffset.UTC);
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));
    private final CoverageRequestValidator validator =
            new CoverageRequestValidator(CalendarRegistry.defaults(), 400, MONDAY_MORNING);

    @Test
    void shouldResolveDaysToTheLastTradingDaysIncludingAnOpenSession() {
        CoverageWindow w = validator.validate(CoverageRequest.ofDays("aapl", "15m", 3));
        assertThat(w.series().key()).isEqualTo("AAPL:15m");
        // Mon 30th, Fri 27th (early close) and Wed 25th: Thanksgiving Thursday is closed.
        assertThat(w.from()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(w.to()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void shouldEndBeforeTodayWhenTheSessionHasNotOpened() {
        Clock early = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        CoverageWindow w = new CoverageRequestValidator(CalendarRegistry.defaults(), 400, early)
                .validate(CoverageRequest.ofDays("AAPL", "1h", 1));
        assertThat(w.from()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(w.to()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void shouldKeepExplicitDates() {
        CoverageWindow w = validator.validate(CoverageRequest.ofRange("MSFT", "1m",
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 6)));
        assertThat(w.from()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(w.to()).isEqualTo(LocalDate.of(2026, 11, 6));
    }

    @Test
    void shouldNameEveryBadField() {
        CoverageRequest bad = new CoverageRequest("not a symbol", "7m", null, null, 0, 12, null, null);
        assertThatThrownBy(() -> validator.validate(bad))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("symbol", "timeframe", "days", "priority"));
    }

    @Test
    void shouldRefuseFromAfterTo() {
        assertThatThrownBy(() -> validator.validate(CoverageRequest.ofRange("AAPL", "15m",
                LocalDate.of(2026, 11, 6), LocalDate.of(2026, 11, 2))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("from 2026-11-06 is after to 2026-11-02");
    }

    @Test
    void shouldRefuseWindowsLongerThanTheMaximum() {
        assertThatThrownBy(() -> validator.validate(CoverageRequest.ofRange("AAPL", "15m",
                LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("longer than the maximum of 400");
    }

    @Test
    void shouldRefuseDaysTogetherWithDates() {
        CoverageRequest both = new CoverageRequest("AAPL", "15m", LocalDate.of(2026, 11, 2), null, 5, null, null, null);
        assertThatThrownBy(() -> validator.validate(both)).hasMessageContaining("days: give either days or from/to");
    }

    @Test
    void shouldRequireTheOtherEndOfAWindow() {
        assertThatThrownBy(() -> validator.validate(new CoverageRequest("AAPL", "15m", LocalDate.of(2026, 11, 2), null,
                null, null, null, null))).hasMessageContaining("to: is required unless days is given");
    }

    @ParameterizedTest(name = "{0} defaults to {1} trading days")
    @CsvSource({"1m, 30", "5m, 30", "15m, 30", "30m, 30", "1h, 90", "4h, 90", "1d, 365", "1w, 365"})
    void shouldGiveARequestWithoutAWindowTheDefaultOfItsTimeframe(String timeframe, int tradingDays) {
        CoverageWindow w = new CoverageRequestValidator(CalendarRegistry.defaults(),
                WindowSizes.standard(HistoryLimits.unlimited()), MONDAY_MORNING)
                .validate(new CoverageRequest("AAPL", timeframe, null, null, null, null, null, null));
        assertThat(w.to()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(w.from()).isEqualTo(startOf(timeframe, w.to(), tradingDays));
    }

    /** The first of {@code tradingDays} ending on {@code to}; a weekly window starts on that week's Monday. */
    private static LocalDate startOf(String timeframe, LocalDate to, int tradingDays) {
        return TradingPeriods.windowStart(XNYS, Timeframe.parse(timeframe), XNYS.startOfLastTradingDays(to, tradingDays));
    }

    @Test
    void shouldBoundTheDefaultWindowByTheProvidersHistory() {
        // Yahoo keeps 30 calendar days of 1m bars: at most 22 trading days.
        CoverageWindow w = new CoverageRequestValidator(CalendarRegistry.defaults(),
                WindowSizes.standard(HistoryLimits.yahoo()), MONDAY_MORNING)
                .validate(new CoverageRequest("AAPL", "1m", null, null, null, null, null, null));
        assertThat(XNYS.countTradingDays(w.from(), w.to())).isEqualTo(22);
    }

    @Test
    void shouldTakeConfiguredDefaultWindows() {
        CoverageWindow w = new CoverageRequestValidator(CalendarRegistry.defaults(),
                WindowSizes.standard(HistoryLimits.yahoo()).withDefaults("15m=5, 1d=20"), MONDAY_MORNING)
                .validate(new CoverageRequest("AAPL", "15m", null, null, null, null, null, null));
        assertThat(XNYS.countTradingDays(w.from(), w.to())).isEqualTo(5);
        assertThatThrownBy(() -> WindowSizes.standard(HistoryLimits.yahoo()).withDefaults("15m=thirty"))
                .hasMessageContaining("default window '15m=thirty' must read timeframe=<trading days>");
    }

    @ParameterizedTest(name = "{0} accepts at most {1} trading days")
    @CsvSource({"1m, 22", "5m, 43", "15m, 43", "30m, 43", "1h, 522", "4h, 522", "1d, 7600", "1w, 7600"})
    void shouldBoundEachTimeframeByItsMaximum(String timeframe, int max) {
        // Far enough in the future that 7 600 trading days stay inside the XNYS calendar (2000-2099).
        Clock later = Clock.fixed(Instant.parse("2040-06-01T15:00:00Z"), ZoneOffset.UTC);
        CoverageRequestValidator yahoo = new CoverageRequestValidator(CalendarRegistry.defaults(),
                WindowSizes.standard(HistoryLimits.yahoo()), later);
        CoverageWindow longest = yahoo.validate(CoverageRequest.ofDays("AAPL", timeframe, max));
        assertThat(longest.from()).isEqualTo(startOf(timeframe, longest.to(), max));
        assertThatThrownBy(() -> yahoo.validate(CoverageRequest.ofDays("AAPL", timeframe, max + 1)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("days: must be at most " + max + " for " + timeframe);
    }

    @Test
    void shouldAcceptThirtyYearsOfDailyAndWeeklyBarsByDate() {
        CoverageRequestValidator yahoo = new CoverageRequestValidator(CalendarRegistry.defaults(),
                WindowSizes.standard(HistoryLimits.yahoo()), MONDAY_MORNING);
        for (String timeframe : new String[] {"1d", "1w"}) {
            CoverageWindow w = yahoo.validate(CoverageRequest.ofRange("AAPL", timeframe,
                    LocalDate.of(2000, 1, 3), LocalDate.of(2029, 12, 31)));
            assertThat(w.to()).isEqualTo(LocalDate.of(2029, 12, 31));
        }
        assertThatThrownBy(() -> yahoo.validate(CoverageRequest.ofRange("AAPL", "15m",
                LocalDate.of(2026, 1, 2), LocalDate.of(2026, 11, 30))))
                .hasMessageContaining("to: window of 229 trading days is longer than the maximum of 43 for 15m");
    }

    @Test
    void shouldStartAWeeklyWindowOnTheMondayOfItsFirstWeekForDatesAndDaysAlike() {
        CoverageWindow byDates = validator.validate(CoverageRequest.ofRange("AAPL", "1w",
                LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 30)));
        assertThat(byDates.from()).isEqualTo(LocalDate.of(2026, 11, 2));
        // Three trading days back from Monday the 30th reach Wednesday the 25th: its week starts on the 23rd.
        CoverageWindow byDays = validator.validate(CoverageRequest.ofDays("AAPL", "1w", 3));
        assertThat(byDays.from()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(byDays.to()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void shouldNameDaysWhenTheWindowReachesBeforeTheCalendar() {
        assertThatThrownBy(() -> new CoverageRequestValidator(CalendarRegistry.defaults(),
                WindowSizes.standard(HistoryLimits.unlimited()), MONDAY_MORNING)
                .validate(CoverageRequest.ofDays("AAPL", "1d", 7600)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("days: 7600 trading days before 2026-11-30 reach beyond the XNYS calendar");
    }

    @Test
    void shouldRefuseADateBeforeTheCalendarNamingFrom() {
        assertThatThrownBy(() -> validator.validate(CoverageRequest.ofRange("AAPL", "15m",
                LocalDate.of(1999, 1, 4), LocalDate.of(1999, 1, 8))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("from", "to"))
                .hasMessageContaining("1999-01-04 is outside the XNYS calendar, which covers 2000-01-01 to 2099-12-31");
    }

    @Test
    void shouldRefuseADateAfterTheCalendarNamingTo() {
        assertThatThrownBy(() -> validator.validate(CoverageRequest.ofRange("AAPL", "15m",
                LocalDate.of(2099, 12, 28), LocalDate.of(2150, 1, 4))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("to"));
    }

    @Test
    void shouldRefuseADateNoCalendarCanHold() {
        // 24x7 has no holidays to know, but a session of year 999999999 overflows an Instant.
        assertThatThrownBy(() -> validator.validate(new CoverageRequest("BTC-USD", "1h",
                LocalDate.of(999_999_999, 12, 20), LocalDate.MAX, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("from", "to"));
    }
}

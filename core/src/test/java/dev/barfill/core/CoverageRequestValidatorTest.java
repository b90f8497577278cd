package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.calendar.CalendarRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoverageRequestValidatorTest {
    // Monday 2026-11-30, 15:00 UTC = 10:00 New York: today's session has opened.
    private static final Clock MONDAY_MORNING = Clock.fixed(Instant.parse("2026-11-30T15:00:00Z"), ZoneOffset.UTC);
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
    void shouldRequireAWindow() {
        assertThatThrownBy(() -> validator.validate(new CoverageRequest("AAPL", "15m", null, null, null, null, null, null)))
                .hasMessageContaining("from: is required unless days is given");
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

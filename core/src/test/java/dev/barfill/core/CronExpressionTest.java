package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldFindTheLatestWeekdayTimeInTheExchangesZone() {
        CronExpression weekdays = CronExpression.parse("30 17 * * 1-5");
        // Monday 2026-11-30 17:30 New York is 22:30Z.
        assertThat(weekdays.latestAtOrBefore(Instant.parse("2026-11-30T22:30:00Z"), NEW_YORK))
                .hasValue(Instant.parse("2026-11-30T22:30:00Z"));
        assertThat(weekdays.latestAtOrBefore(Instant.parse("2026-11-30T22:29:59Z"), NEW_YORK))
                .as("Friday's, before Monday's time").hasValue(Instant.parse("2026-11-27T22:30:00Z"));
    }

    @Test
    void shouldReadStepsListsAndSundayAsSeven() {
        assertThat(CronExpression.parse("*/15 9-10 * * *")
                .latestAtOrBefore(Instant.parse("2026-12-02T15:44:00Z"), NEW_YORK))
                .hasValue(Instant.parse("2026-12-02T15:30:00Z"));
        assertThat(CronExpression.parse("0 12 * * 7").latestAtOrBefore(Instant.parse("2026-12-02T12:00:00Z"), NEW_YORK))
                .as("Sunday 2026-11-29 noon").hasValue(Instant.parse("2026-11-29T17:00:00Z"));
    }

    @Test
    void shouldMatchEitherDayFieldWhenBothAreRestricted() {
        // The 1st of the month or any Friday: Friday 2026-11-27 is later than 2026-11-01.
        assertThat(CronExpression.parse("0 0 1 * 5").latestAtOrBefore(Instant.parse("2026-11-30T12:00:00Z"), NEW_YORK))
                .hasValue(Instant.parse("2026-11-27T05:00:00Z"));
    }

    @Test
    void shouldNameTheBadFieldOfAnExpression() {
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> CronExpression.parse("0 17 * *")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronExpression.parse("0 17 * * mon")).hasMessageContaining("day of week");
    }
}

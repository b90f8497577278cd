package dev.barfill.fetcher.day;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyStampsTest {
    private static final Session NOV_24 = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"))
            .session(LocalDate.of(2026, 11, 24)).orElseThrow();
    private static final ZoneId NY = ZoneId.of("America/New_York");

    @Test
    void shouldMoveAMidnightStampedDailyBarToTheSessionOpen() {
        Bar alpaca = new Bar(Instant.parse("2026-11-24T05:00:00Z"), 10, 11, 9, 10.5, 100);
        assertThat(DailyStamps.atSessionOpen(List.of(alpaca), NOV_24, NY)).singleElement()
                .satisfies(b -> assertThat(b.ts()).isEqualTo(NOV_24.open()));
    }

    @Test
    void shouldLeaveYahoosCloseBarAndOtherDaysAlone() {
        Bar close = new Bar(NOV_24.close(), 10, 10, 10, 10, 0);
        Bar dayBefore = new Bar(Instant.parse("2026-11-23T05:00:00Z"), 10, 11, 9, 10.5, 100);
        assertThat(DailyStamps.atSessionOpen(List.of(close, dayBefore), NOV_24, NY)).containsExactly(close, dayBefore);
    }
}

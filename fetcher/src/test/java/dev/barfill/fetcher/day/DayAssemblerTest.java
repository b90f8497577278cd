package dev.barfill.fetcher.day;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayAssemblerTest {
    private static final Series AAPL_15M = Series.of("AAPL", Timeframe.M15);
    private static final Session NOV_24 = CalendarRegistry.defaults().forSymbol(AAPL_15M.symbol())
            .session(LocalDate.of(2026, 11, 24)).orElseThrow();
    private static final Instant AFTER_CLOSE = Instant.parse("2026-11-25T00:00:00Z");

    private static List<Bar> fullDay() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            bars.add(new Bar(NOV_24.open().plusSeconds(900L * i), 10, 11, 9, 10.5, 100));
        }
        return bars;
    }

    @Test
    void shouldMarkAWholeClosedDayComplete() {
        List<Bar> bars = fullDay();
        bars.add(new Bar(NOV_24.close(), 10.5, 10.5, 10.5, 10.5, 0));  // Yahoo's trailing close bar
        DayBars day = DayAssembler.assemble(AAPL_15M, NOV_24, "yahoo", bars, AFTER_CLOSE);
        assertThat(day.bars()).hasSize(26);
        assertThat(day.expectedBars()).isEqualTo(26);
        assertThat(day.complete()).isTrue();
        assertThat(day.rejectedBars()).isZero();
    }

    @Test
    void shouldNeverCallADayCompleteWhileItsSessionIsOpen() {
        DayBars day = DayAssembler.assemble(AAPL_15M, NOV_24, "yahoo", fullDay(), NOV_24.close().minusSeconds(60));
        assertThat(day.complete()).isFalse();
    }

    @Test
    void shouldRejectImpossibleMisalignedAndDuplicateBars() {
        List<Bar> bars = fullDay();
        bars.set(3, new Bar(bars.get(3).ts(), 10, 9, 11, 10, 100));          // high below low
        bars.add(new Bar(NOV_24.open().plusSeconds(60), 10, 11, 9, 10, 5));   // not on a 15m boundary
        bars.add(bars.get(5));                                                 // duplicate timestamp
        bars.add(new Bar(NOV_24.open().plusSeconds(1800), 10, 11, 9, 10, -1)); // negative volume
        DayBars day = DayAssembler.assemble(AAPL_15M, NOV_24, "yahoo", bars, AFTER_CLOSE);
        assertThat(day.rejectedBars()).isEqualTo(4);
        assertThat(day.bars()).hasSize(25);
        assertThat(day.complete()).isFalse();
        assertThat(day.bars()).extracting(Bar::ts).isSorted().doesNotHaveDuplicates();
    }
}

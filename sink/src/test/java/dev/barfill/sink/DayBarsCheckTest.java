package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayBarsCheckTest {
    private static final Instant T = Instant.parse("2026-11-24T14:30:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final List<Bar> BARS = List.of(new Bar(T, 1, 2, 0.5, 1.5, 10));

    @Test
    void shouldAcceptAWellFormedDay() {
        assertThat(DayBarsCheck.problem(new DayBars("BRK.B", Timeframe.M15, DAY, "yahoo", BARS, 26, false, 0, T))).isNull();
    }

    @Test
    void shouldNameTheFieldThatMakesADayUnwritable() {
        assertThat(DayBarsCheck.problem(new DayBars("aapl", Timeframe.M15, DAY, "yahoo", BARS, 26, false, 0, T)))
                .startsWith("symbol: malformed symbol 'aapl'");
        assertThat(DayBarsCheck.problem(new DayBars("AAPL", null, DAY, "yahoo", BARS, 26, false, 0, T)))
                .isEqualTo("timeframe is missing");
        assertThat(DayBarsCheck.problem(new DayBars("AAPL", Timeframe.M15, null, "yahoo", BARS, 26, false, 0, T)))
                .isEqualTo("day is missing");
        assertThat(DayBarsCheck.problem(new DayBars("AAPL", Timeframe.M15, DAY, null, BARS, 26, false, 0, T)))
                .isEqualTo("provider is missing");
        List<Bar> noTs = Arrays.asList(BARS.get(0), new Bar(null, 1, 2, 0.5, 1.5, 10));
        assertThat(DayBarsCheck.problem(new DayBars("AAPL", Timeframe.M15, DAY, "yahoo", noTs, 26, false, 0, T)))
                .isEqualTo("bars[1] has no ts");
    }
}

package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.sink.write.WriteMode;
import dev.barfill.store.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PoisonIsolatorTest {

    @BeforeEach
    void empty() throws SQLException {
        TestDatabase.execute("TRUNCATE ohlc_bars, bar_coverage");
    }

    static DayBars day(String symbol, LocalDate date, double open) {
        Instant t = date.atTime(14, 30).toInstant(java.time.ZoneOffset.UTC);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            bars.add(new Bar(t.plusSeconds(900L * i), open, open + 1, Math.max(open - 1, 0.01), open, 100));
        }
        return new DayBars(symbol, Timeframe.M15, date, "yahoo", bars, 26, true, 0, t);
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldSetAsideOnlyThePoisonedDayAndWriteTheRestOfTheBatch(WriteMode mode) throws SQLException {
        List<DayBars> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            // A negative open breaks the table's CHECK: no retry can fix that day.
            days.add(day("AAPL", LocalDate.of(2026, 11, 2 + d), d == 4 ? -1 : 10));
        }
        PoisonIsolator.Outcome outcome = new PoisonIsolator(new BarWriter(TestDatabase.get(), mode)).write(days);

        assertThat(outcome.poisoned()).singleElement().satisfies(p -> {
            assertThat(p.day().day()).isEqualTo(LocalDate.of(2026, 11, 6));
            assertThat(p.sqlState()).isEqualTo("23514");
            assertThat(p.reason()).startsWith("23514").contains("check constraint");
        });
        assertThat(outcome.written()).hasSize(6).doesNotContain(days.get(4));
        assertThat(outcome.bars()).isEqualTo(6 * 26);
        assertThat(TestDatabase.count("SELECT count(*) FROM ohlc_bars")).isEqualTo(6 * 26);
        assertThat(TestDatabase.count("SELECT count(*) FROM bar_coverage")).isEqualTo(6);
        assertThat(TestDatabase.count("SELECT count(*) FROM bar_coverage WHERE day = '2026-11-06'")).isZero();
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldWriteEverythingInOneGoWhenNothingIsPoisoned(WriteMode mode) throws SQLException {
        List<DayBars> days = List.of(day("AAPL", LocalDate.of(2026, 11, 2), 10), day("MSFT", LocalDate.of(2026, 11, 2), 20));
        PoisonIsolator.Outcome outcome = new PoisonIsolator(new BarWriter(TestDatabase.get(), mode)).write(days);
        assertThat(outcome.poisoned()).isEmpty();
        assertThat(outcome.written()).containsExactlyElementsOf(days);
        assertThat(TestDatabase.count("SELECT count(*) FROM ohlc_bars")).isEqualTo(52);
    }
}

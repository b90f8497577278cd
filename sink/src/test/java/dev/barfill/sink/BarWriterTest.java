package dev.barfill.sink;

import static dev.barfill.store.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.sink.write.WriteMode;
import dev.barfill.store.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BarWriterTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant OPEN = Instant.parse("2026-11-24T14:30:00Z");
    /** The module's migrated database (migrating is the store's to test), in barfill's schema as in production. */
    private final DataSource db = TestDatabase.get();

    @BeforeEach
    void empty() throws SQLException {
        TestDatabase.execute("TRUNCATE ohlc_bars, bar_coverage");
    }

    private static DayBars day(String symbol, int bars, double price, boolean complete) {
        List<Bar> list = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            list.add(new Bar(OPEN.plusSeconds(900L * i), price, price + 1, price - 1, price + 0.5, 100 + i));
        }
        return new DayBars(symbol, Timeframe.M15, DAY, "yahoo", list, 26, complete, 0, OPEN);
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldWriteBarsAndCoverageTogether(WriteMode mode) throws SQLException {
        int written = new BarWriter(db, mode).write(List.of(day("AAPL", 26, 10, true), day("MSFT", 20, 50, false)));
        assertThat(written).isEqualTo(46);
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isEqualTo(46);
        assertThat(count("SELECT count(*) FROM bar_coverage WHERE complete")).isEqualTo(1);
        assertThat(count("SELECT bar_count FROM bar_coverage WHERE symbol = 'MSFT'")).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldKeepOneRowPerBarWhenADayIsWrittenAgain(WriteMode mode) throws SQLException {
        BarWriter writer = new BarWriter(db, mode);
        writer.write(List.of(day("AAPL", 26, 10, true)));
        writer.write(List.of(day("AAPL", 26, 12, true)));
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isEqualTo(26);
        assertThat(count("SELECT count(*) FROM bar_coverage")).isEqualTo(1);
        // The replay's values win: an upsert, not an ignored insert.
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE open = 12")).isEqualTo(26);
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldWriteNothingWhenOneBarIsRefusedByTheTable(WriteMode mode) throws SQLException {
        DayBars bad = new DayBars("NVDA", Timeframe.M15, DAY, "yahoo",
                List.of(new Bar(OPEN, -5, 1, 0.5, 1, 10)), 26, false, 0, OPEN);
        assertThatThrownBy(() -> new BarWriter(db, mode).write(List.of(day("AAPL", 26, 10, true), bad)))
                .isInstanceOf(SQLException.class);
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isZero();
        assertThat(count("SELECT count(*) FROM bar_coverage")).isZero();
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldUpsertBarsStoredWithoutACoverageRow(WriteMode mode) throws SQLException {
        new BarWriter(db, mode).write(List.of(day("AAPL", 26, 10, true)));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM bar_coverage");
        }
        // A new day for the coverage table whose bars exist: the direct COPY conflicts and falls back.
        new BarWriter(db, mode).write(List.of(day("AAPL", 26, 12, true), day("MSFT", 10, 20, false)));
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isEqualTo(36);
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol = 'AAPL' AND open = 12")).isEqualTo(26);
        assertThat(count("SELECT count(*) FROM bar_coverage")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldWriteABarRepeatedInsideADayOnceWithItsLastValues(WriteMode mode) throws SQLException {
        List<Bar> bars = List.of(new Bar(OPEN, 10, 11, 9, 10, 1), new Bar(OPEN.plusSeconds(900), 10, 11, 9, 10, 2),
                new Bar(OPEN, 20, 21, 19, 20, 3));
        new BarWriter(db, mode).write(List.of(new DayBars("AAPL", Timeframe.M15, DAY, "yahoo", bars, 26, false, 0, OPEN)));
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isEqualTo(2);
        assertThat(count("SELECT volume FROM ohlc_bars WHERE open = 20")).isEqualTo(3);
    }
}

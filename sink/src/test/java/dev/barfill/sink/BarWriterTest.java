package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BarWriterTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant OPEN = Instant.parse("2026-11-24T14:30:00Z");
    private static EmbeddedPostgres postgres;
    private static DataSource db;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
        assertThat(Migrations.migrate(db)).isPositive();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ohlc_bars, bar_coverage");
        }
    }

    private static DayBars day(String symbol, int bars, double price, boolean complete) {
        List<Bar> list = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            list.add(new Bar(OPEN.plusSeconds(900L * i), price, price + 1, price - 1, price + 0.5, 100 + i));
        }
        return new DayBars(symbol, Timeframe.M15, DAY, "yahoo", list, 26, complete, 0, OPEN);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldWriteBarsAndCoverageTogether() throws SQLException {
        int written = new BarWriter(db).write(List.of(day("AAPL", 26, 10, true), day("MSFT", 20, 50, false)));
        assertThat(written).isEqualTo(46);
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isEqualTo(46);
        assertThat(count("SELECT count(*) FROM bar_coverage WHERE complete")).isEqualTo(1);
        assertThat(count("SELECT bar_count FROM bar_coverage WHERE symbol = 'MSFT'")).isEqualTo(20);
    }

    @Test
    void shouldKeepOneRowPerBarWhenADayIsWrittenAgain() throws SQLException {
        BarWriter writer = new BarWriter(db);
        writer.write(List.of(day("AAPL", 26, 10, true)));
        writer.write(List.of(day("AAPL", 26, 12, true)));
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isEqualTo(26);
        assertThat(count("SELECT count(*) FROM bar_coverage")).isEqualTo(1);
        // The replay's values win: an upsert, not an ignored insert.
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE open = 12")).isEqualTo(26);
    }

    @Test
    void shouldWriteNothingWhenOneBarIsRefusedByTheTable() throws SQLException {
        DayBars bad = new DayBars("NVDA", Timeframe.M15, DAY, "yahoo",
                List.of(new Bar(OPEN, -5, 1, 0.5, 1, 10)), 26, false, 0, OPEN);
        assertThatThrownBy(() -> new BarWriter(db).write(List.of(day("AAPL", 26, 10, true), bad)))
                .isInstanceOf(SQLException.class);
        assertThat(count("SELECT count(*) FROM ohlc_bars")).isZero();
        assertThat(count("SELECT count(*) FROM bar_coverage")).isZero();
    }
}

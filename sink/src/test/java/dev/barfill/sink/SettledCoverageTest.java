package dev.barfill.sink;

import dev.barfill.store.Migrations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.sink.write.WriteMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Days are written with their fetch time and settled flag, and {@code updated_at} comes from the
 * sink's clock, not PostgreSQL's. (V4 itself, on days already stored, is the store's
 * SettledDaysMigrationTest.)
 */
class SettledCoverageTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant OPEN = Instant.parse("2026-11-24T14:30:00Z");
    private static final Instant FETCHED = Instant.parse("2026-11-24T21:20:00Z");
    private static final Instant SINK_NOW = Instant.parse("2026-11-24T21:20:03Z");

    private EmbeddedPostgres postgres;
    private DataSource db;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
    }

    @AfterEach
    void stop() throws Exception {
        postgres.close();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String row(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cells.add(String.valueOf(rs.getObject(i)));
            }
            return String.join("|", cells);
        }
    }

    @Test
    void shouldStoreSettledAndTheFetchTimeAndStampUpdatedAtWithTheSinksClock() throws Exception {
        Migrations.migrate(db);
        BarWriter writer = new BarWriter(db, WriteMode.COPY, Clock.fixed(SINK_NOW, ZoneOffset.UTC));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bars.add(new Bar(OPEN.plusSeconds(900L * i), 10, 11, 9, 10.5, 100));
        }
        writer.write(List.of(new DayBars("ILLQ", Timeframe.M15, DAY, "yahoo", bars, 26, false, 0, FETCHED, null,
                true)));

        assertThat(row("SELECT bar_count, complete, settled, fetched_at = '" + FETCHED + "'::timestamptz,"
                + " updated_at = '" + SINK_NOW + "'::timestamptz FROM bar_coverage WHERE symbol = 'ILLQ'"))
                .isEqualTo("20|false|true|true|true");

        // Fetched again, earlier than the delay (as during the session): the row says so.
        writer.write(List.of(new DayBars("ILLQ", Timeframe.M15, DAY, "yahoo", bars, 26, false, 0, FETCHED, null,
                false)));
        assertThat(row("SELECT settled FROM bar_coverage WHERE symbol = 'ILLQ'")).isEqualTo("false");
    }
}

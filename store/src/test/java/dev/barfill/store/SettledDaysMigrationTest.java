package dev.barfill.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V4 on a database that already holds days: a complete day is settled, others are not, no day has a
 * fetch time, and jobs gain their sparse days.
 */
class SettledDaysMigrationTest {

    @Test
    void shouldSettleTheCompleteDaysAlreadyStoredWhenV4Migrates() throws Exception {
        TestDatabase.execute("CREATE DATABASE before_v4");
        DataSource db = TestDatabase.database("before_v4");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("3").load().migrate();
        execute(db, "INSERT INTO bar_coverage (symbol, timeframe, day, bar_count, expected_bars, complete, provider)"
                + " VALUES ('AAPL', '15m', '2026-11-23', 26, 26, true, 'yahoo'),"
                + " ('ILLQ', '15m', '2026-11-23', 20, 26, false, 'yahoo')");

        assertThat(Migrations.migrate(db)).isEqualTo(1);

        assertThat(row(db, "SELECT settled, fetched_at FROM bar_coverage WHERE symbol = 'AAPL'")).isEqualTo("true|null");
        assertThat(row(db, "SELECT settled, fetched_at FROM bar_coverage WHERE symbol = 'ILLQ'")).isEqualTo("false|null");
        assertThat(row(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'backfill_jobs'"
                + " AND column_name IN ('sparse_days', 'sparse_dates')")).isEqualTo("2");
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String row(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cells.add(String.valueOf(rs.getObject(i)));
            }
            return String.join("|", cells);
        }
    }
}

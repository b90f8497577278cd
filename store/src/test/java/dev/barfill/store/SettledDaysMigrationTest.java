package dev.barfill.store;

import static dev.barfill.store.TestDatabase.execute;
import static dev.barfill.store.TestDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V4 on a database that already holds days: a complete day is settled, others are not, no day has a
 * fetch time, and jobs gain their sparse days. (What the sink writes into these columns is the sink's
 * SettledCoverageTest.)
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
}

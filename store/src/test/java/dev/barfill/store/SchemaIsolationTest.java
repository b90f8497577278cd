package dev.barfill.store;

import static dev.barfill.store.TestDatabase.count;
import static dev.barfill.store.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A user's database that already holds tables named like barfill's, in {@code public}: barfill,
 * on a pool set to its own schema as every role's is, migrates there and leaves the user's tables,
 * rows and Flyway history as they were. (Writing through that pool is the sink's SchemaIsolationTest.)
 */
class SchemaIsolationTest {
    private static final String BAR = "INSERT INTO ohlc_bars (symbol, timeframe, ts, open, high, low, close, volume,"
            + " provider) VALUES ('AAPL', '15m', '2026-11-24T14:30:00Z', 10, 11, 9, 10.5, 100, 'yahoo')";
    private static final String DAY = "INSERT INTO bar_coverage (symbol, timeframe, day, bar_count, expected_bars,"
            + " complete, provider) VALUES ('AAPL', '15m', '2026-11-24', 1, 26, false, 'yahoo')";

    @Test
    void shouldMigrateInItsOwnSchemaAndLeaveAUsersSameNamedTablesAlone() throws Exception {
        TestDatabase.execute("CREATE DATABASE users_own");
        DataSource users = TestDatabase.database("users_own");
        execute(users, "CREATE TABLE ohlc_bars (id serial PRIMARY KEY, ticker text, price numeric)");
        execute(users, "INSERT INTO ohlc_bars (ticker, price) VALUES ('AAPL', 1.5), ('MSFT', 2.5)");
        execute(users, "CREATE TABLE backfill_jobs (name text)");
        execute(users, "CREATE TABLE flyway_schema_history (installed_rank int, note text)");
        execute(users, "INSERT INTO flyway_schema_history VALUES (1, 'the user''s own migrations')");

        try (HikariDataSource pool = TestDatabase.schemaBoundPool("users_own", "barfill")) {
            assertThat(Migrations.configuredSchema(pool)).contains("barfill");
            assertThat(Migrations.migrate(pool)).isPositive();
            assertThatCode(() -> Migrations.requireCurrent(pool)).doesNotThrowAnyException();
            execute(pool, BAR);
        }
        assertThat(count(users, "SELECT count(*) FROM barfill.ohlc_bars")).isEqualTo(1);
        assertThat(count(users, "SELECT count(*) FROM barfill.flyway_schema_history WHERE success")).isPositive();
        assertThat(count(users, "SELECT count(*) FROM public.ohlc_bars")).isEqualTo(2);
        assertThat(count(users, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'ohlc_bars'")).as("the user's shape").isEqualTo(3);
        assertThat(count(users, "SELECT count(*) FROM public.backfill_jobs")).isZero();
        assertThat(count(users, "SELECT count(*) FROM public.flyway_schema_history")).isEqualTo(1);
        assertThat(count(users, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing of barfill's in public").isEqualTo(3);
    }

    @Test
    void shouldMoveTheTablesOfAnEarlierBarfillFromPublicIntoItsSchemaOnADatabaseOfItsOwn() throws Exception {
        TestDatabase.execute("CREATE DATABASE earlier_barfill");
        DataSource earlier = TestDatabase.database("earlier_barfill");
        Migrations.migrate(earlier);
        execute(earlier, BAR);
        execute(earlier, DAY);
        assertThat(count(earlier, "SELECT count(*) FROM public.ohlc_bars")).isEqualTo(1);

        try (HikariDataSource pool = TestDatabase.schemaBoundPool("earlier_barfill", "barfill")) {
            assertThat(Migrations.adoptEarlierTables(pool)).isTrue();
            assertThat(Migrations.migrate(pool)).as("the history moved along").isZero();
            assertThat(count(pool, "SELECT count(*) FROM ohlc_bars")).isEqualTo(1);
            assertThat(Migrations.adoptEarlierTables(pool)).as("once").isFalse();
        }
        assertThat(count(earlier, "SELECT count(*) FROM barfill.bar_coverage")).isEqualTo(1);
        assertThat(count(earlier, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }
}

package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.sink.write.WriteMode;
import dev.barfill.store.Migrations;
import dev.barfill.store.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A user's database that already holds tables named like barfill's, in {@code public}: barfill,
 * on a pool set to its own schema as every role's is, migrates and writes there (COPY and its temp
 * table included) and leaves the user's tables, rows and Flyway history as they were. (Migrating
 * alone, and adopting an earlier barfill's tables, are the store's SchemaIsolationTest.)
 */
class SchemaIsolationTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant OPEN = Instant.parse("2026-11-24T14:30:00Z");

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldMigrateAndWriteInItsOwnSchemaAndLeaveAUsersSameNamedTablesAlone(WriteMode mode) throws Exception {
        String name = "users_own_" + mode.name().toLowerCase(Locale.ROOT).replace('_', 'x');
        TestDatabase.execute("CREATE DATABASE " + name);
        DataSource users = TestDatabase.database(name);
        execute(users, "CREATE TABLE ohlc_bars (id serial PRIMARY KEY, ticker text, price numeric)");
        execute(users, "INSERT INTO ohlc_bars (ticker, price) VALUES ('AAPL', 1.5), ('MSFT', 2.5)");
        execute(users, "CREATE TABLE backfill_jobs (name text)");
        execute(users, "CREATE TABLE flyway_schema_history (installed_rank int, note text)");
        execute(users, "INSERT INTO flyway_schema_history VALUES (1, 'the user''s own migrations')");

        try (HikariDataSource pool = pool(TestDatabase.jdbcUrl(name), "barfill")) {
            assertThat(Migrations.configuredSchema(pool)).contains("barfill");
            assertThat(Migrations.migrate(pool)).isPositive();
            assertThatCode(() -> Migrations.requireCurrent(pool)).doesNotThrowAnyException();
            BarWriter writer = new BarWriter(pool, mode);
            writer.write(List.of(day(10)));
            // Again: with COPY, a stored day goes through the session's temp table and a merge.
            writer.write(List.of(day(12)));

            assertThat(count(pool, "SELECT count(*) FROM ohlc_bars WHERE open = 12")).isEqualTo(26);
        }
        assertThat(count(users, "SELECT count(*) FROM barfill.ohlc_bars")).isEqualTo(26);
        assertThat(count(users, "SELECT count(*) FROM barfill.bar_coverage")).isEqualTo(1);
        assertThat(count(users, "SELECT count(*) FROM barfill.flyway_schema_history WHERE success")).isPositive();
        assertThat(count(users, "SELECT count(*) FROM public.ohlc_bars")).isEqualTo(2);
        assertThat(count(users, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'ohlc_bars'")).as("the user's shape").isEqualTo(3);
        assertThat(count(users, "SELECT count(*) FROM public.backfill_jobs")).isZero();
        assertThat(count(users, "SELECT count(*) FROM public.flyway_schema_history")).isEqualTo(1);
        assertThat(count(users, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing of barfill's in public").isEqualTo(3);
    }

    private static HikariDataSource pool(String url, String schema) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername("postgres");
        c.setMaximumPoolSize(2);
        c.setSchema(schema);
        return new HikariDataSource(c);
    }

    private static DayBars day(double price) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            bars.add(new Bar(OPEN.plusSeconds(900L * i), price, price + 1, price - 1, price + 0.5, 100 + i));
        }
        return new DayBars("AAPL", Timeframe.M15, DAY, "yahoo", bars, 26, true, 0, OPEN);
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

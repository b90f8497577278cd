package dev.barfill.sink;

import static dev.barfill.store.TestDatabase.count;
import static dev.barfill.store.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.sink.write.WriteMode;
import dev.barfill.store.Migrations;
import dev.barfill.store.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sink's unqualified SQL, through a pool bound to barfill's schema as every role's is, writes
 * there (COPY and its temp table included) even when {@code public} holds a user's table of the same
 * name. (Migrating beside a user's tables, and adopting an earlier barfill's, are the store's
 * SchemaIsolationTest; here migrating only sets the database up.)
 */
class SchemaIsolationTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant OPEN = Instant.parse("2026-11-24T14:30:00Z");

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void shouldWriteInItsOwnSchemaAndLeaveAUsersSameNamedTableAlone(WriteMode mode) throws Exception {
        String name = "users_writes_" + mode.name().toLowerCase(Locale.ROOT).replace('_', 'x');
        TestDatabase.execute("CREATE DATABASE " + name);
        DataSource users = TestDatabase.database(name);
        execute(users, "CREATE TABLE ohlc_bars (id serial PRIMARY KEY, ticker text, price numeric)");
        execute(users, "INSERT INTO ohlc_bars (ticker, price) VALUES ('AAPL', 1.5), ('MSFT', 2.5)");

        try (HikariDataSource pool = TestDatabase.schemaBoundPool(name, "barfill")) {
            Migrations.migrate(pool);
            BarWriter writer = new BarWriter(pool, mode);
            writer.write(List.of(day(10)));
            // Again: with COPY, a stored day goes through the session's temp table and a merge.
            writer.write(List.of(day(12)));

            assertThat(count(pool, "SELECT count(*) FROM ohlc_bars WHERE open = 12")).isEqualTo(26);
        }
        assertThat(count(users, "SELECT count(*) FROM barfill.ohlc_bars")).isEqualTo(26);
        assertThat(count(users, "SELECT count(*) FROM barfill.bar_coverage")).isEqualTo(1);
        assertThat(count(users, "SELECT count(*) FROM public.ohlc_bars")).as("the user's rows").isEqualTo(2);
        assertThat(count(users, "SELECT sum(price) FROM public.ohlc_bars")).as("untouched").isEqualTo(4);
    }

    private static DayBars day(double price) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            bars.add(new Bar(OPEN.plusSeconds(900L * i), price, price + 1, price - 1, price + 0.5, 100 + i));
        }
        return new DayBars("AAPL", Timeframe.M15, DAY, "yahoo", bars, 26, true, 0, OPEN);
    }
}

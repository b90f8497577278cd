package dev.barfill.sink;

import static dev.barfill.store.TestDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import dev.barfill.sink.write.WriteMode;
import dev.barfill.store.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Days are written with their fetch time and settled flag, and {@code updated_at} comes from the
 * sink's clock, not PostgreSQL's. (The V4 migration that adds these columns, on days already stored, is
 * the store's SettledDaysMigrationTest.)
 */
class SettledCoverageTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant OPEN = Instant.parse("2026-11-24T14:30:00Z");
    private static final Instant FETCHED = Instant.parse("2026-11-24T21:20:00Z");
    private static final Instant SINK_NOW = Instant.parse("2026-11-24T21:20:03Z");

    private final DataSource db = TestDatabase.get();

    @BeforeEach
    void forgetTheDay() throws Exception {
        TestDatabase.execute("DELETE FROM bar_coverage WHERE symbol = 'ILLQ'");
        TestDatabase.execute("DELETE FROM ohlc_bars WHERE symbol = 'ILLQ'");
    }

    @Test
    void shouldStoreSettledAndTheFetchTimeAndStampUpdatedAtWithTheSinksClock() throws Exception {
        BarWriter writer = new BarWriter(db, WriteMode.COPY, Clock.fixed(SINK_NOW, ZoneOffset.UTC));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bars.add(new Bar(OPEN.plusSeconds(900L * i), 10, 11, 9, 10.5, 100));
        }
        writer.write(List.of(new DayBars("ILLQ", Timeframe.M15, DAY, "yahoo", bars, 26, false, 0, FETCHED, null,
                true)));

        assertThat(row(db, "SELECT bar_count, complete, settled, fetched_at = '" + FETCHED + "'::timestamptz,"
                + " updated_at = '" + SINK_NOW + "'::timestamptz FROM bar_coverage WHERE symbol = 'ILLQ'"))
                .isEqualTo("20|false|true|true|true");

        // Fetched again, earlier than the delay (as during the session): the row says so.
        writer.write(List.of(new DayBars("ILLQ", Timeframe.M15, DAY, "yahoo", bars, 26, false, 0, FETCHED, null,
                false)));
        assertThat(row(db, "SELECT settled FROM bar_coverage WHERE symbol = 'ILLQ'")).isEqualTo("false");
    }
}

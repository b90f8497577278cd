package dev.barfill.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Bar;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The readers the planner and the API share, against the migrated schema. */
class ReadersTest {
    private static final Series SERIES = Series.of("RDRS", Timeframe.M15);
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);

    @BeforeAll
    static void store() throws Exception {
        TestDatabase.execute("INSERT INTO bar_coverage (symbol, timeframe, day, bar_count, expected_bars, complete,"
                + " provider, updated_at, settled, fetched_at) VALUES"
                + " ('RDRS', '15m', '2026-11-23', 26, 26, true, 'yahoo', '2026-11-23T22:00:00Z', false, null),"
                + " ('RDRS', '15m', '2026-11-24', 20, 26, false, 'yahoo', '2026-11-24T22:00:00Z', true,"
                + " '2026-11-24T21:50:00Z'),"
                + " ('RDRS', '15m', '2026-11-25', 10, 26, false, 'polygon', '2026-11-25T18:00:00Z', false,"
                + " '2026-11-25T17:59:00Z'),"
                + " ('RDRS', '1h', '2026-11-23', 7, 7, true, 'yahoo', '2026-11-23T22:00:00Z', false, null)");
        TestDatabase.execute("INSERT INTO ohlc_bars (symbol, timeframe, ts, open, high, low, close, volume, provider)"
                + " VALUES ('RDRS', '15m', '2026-11-23T14:45:00Z', 2, 3, 1, 2.5, 20, 'yahoo'),"
                + " ('RDRS', '15m', '2026-11-23T14:30:00Z', 1, 2, 0.5, 1.5, 10, 'yahoo'),"
                + " ('RDRS', '15m', '2026-11-23T15:00:00Z', 3, 4, 2, 3.5, 30, 'yahoo'),"
                + " ('RDRS', '1h', '2026-11-23T14:30:00Z', 9, 9, 9, 9, 9, 'yahoo')");
    }

    @Test
    void shouldCallCompleteAndSettledDaysCoveredAndReadEveryStoredDayOfTheWindow() {
        CoverageReader reader = new CoverageReader(TestDatabase.get());

        assertThat(reader.coveredDays(SERIES, MON, MON.plusDays(4))).containsExactly(MON, MON.plusDays(1));
        assertThat(reader.coveredDays(SERIES, MON.plusDays(1), MON.plusDays(4))).containsExactly(MON.plusDays(1));

        Map<LocalDate, CoverageRow> stored = reader.storedDays(SERIES, MON, MON.plusDays(4));
        assertThat(stored).containsOnlyKeys(MON, MON.plusDays(1), MON.plusDays(2));
        assertThat(stored.get(MON.plusDays(1))).isEqualTo(new CoverageRow(MON.plusDays(1), 20, 26, false, true,
                "yahoo", Instant.parse("2026-11-24T22:00:00Z"), Instant.parse("2026-11-24T21:50:00Z")));
        assertThat(stored.get(MON).fetchedAt()).as("stored before fetch times were kept").isNull();
        assertThat(stored.get(MON.plusDays(2)).covered()).isFalse();
    }

    @Test
    void shouldReadTheBarsOfARangeOldestFirstUpToTheLimit() {
        BarsReader reader = new BarsReader(TestDatabase.get());
        Instant from = Instant.parse("2026-11-23T14:30:00Z");

        assertThat(reader.read(SERIES, from, from.plusSeconds(3600), 10)).extracting(Bar::ts)
                .containsExactly(from, from.plusSeconds(900), from.plusSeconds(1800));
        assertThat(reader.read(SERIES, from, from.plusSeconds(1800), 10)).as("to is exclusive").hasSize(2);
        assertThat(reader.read(SERIES, from, from.plusSeconds(3600), 1)).singleElement()
                .isEqualTo(new Bar(from, 1, 2, 0.5, 1.5, 10));
    }

    @Test
    void shouldCountTheBarsOfTheDaysLocalToTheExchange() {
        BarsReader reader = new BarsReader(TestDatabase.get());

        assertThat(reader.countOnDays(SERIES, MON, MON, ZoneId.of("America/New_York"))).isEqualTo(3);
        assertThat(reader.countOnDays(SERIES, MON.plusDays(1), MON.plusDays(2), ZoneId.of("America/New_York")))
                .isZero();
        // 15:00Z is already Tuesday in Tokyo (UTC+9): Monday there holds the first two bars only.
        assertThat(reader.countOnDays(SERIES, MON, MON, ZoneId.of("Asia/Tokyo"))).isEqualTo(2);
    }

    @Test
    void shouldReportADatabaseItCannotReachAsUnavailable() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        DataSource db = nowhere;

        assertThatThrownBy(() -> new CoverageReader(db).coveredDays(SERIES, MON, MON))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("coverage lookup failed for");
        assertThatThrownBy(() -> new BarsReader(db).read(SERIES, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 1))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("bars read failed");
    }
}

package dev.barfill.sink;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * Writes days of bars and their coverage rows in one transaction with idempotent upserts, so a
 * replayed day leaves exactly one row per bar. Statements are batched; with pgjdbc's
 * {@code reWriteBatchedInserts} they travel as multi-row inserts.
 */
public final class BarWriter {
    static final String UPSERT_BAR = "INSERT INTO ohlc_bars"
            + " (symbol, timeframe, ts, open, high, low, close, volume, provider, ingested_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
            + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
            + " provider = EXCLUDED.provider, ingested_at = EXCLUDED.ingested_at";
    static final String UPSERT_COVERAGE = "INSERT INTO bar_coverage"
            + " (symbol, timeframe, day, bar_count, expected_bars, complete, provider, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (symbol, timeframe, day) DO UPDATE SET bar_count = EXCLUDED.bar_count,"
            + " expected_bars = EXCLUDED.expected_bars, complete = EXCLUDED.complete,"
            + " provider = EXCLUDED.provider, updated_at = EXCLUDED.updated_at";

    private final DataSource dataSource;

    public BarWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes every day in one transaction. Each chunk key must appear once: PostgreSQL refuses
     * one statement that updates the same row twice.
     *
     * @return bars written
     */
    public int write(Collection<DayBars> days) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int bars = upsertBars(c, days);
                upsertCoverage(c, days);
                c.commit();
                return bars;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static int upsertBars(Connection c, Collection<DayBars> days) throws SQLException {
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(UPSERT_BAR)) {
            for (DayBars day : days) {
                for (Bar bar : day.bars()) {
                    ps.setString(1, day.symbol());
                    ps.setString(2, day.timeframe().code());
                    ps.setTimestamp(3, Timestamp.from(bar.ts()));
                    ps.setDouble(4, bar.open());
                    ps.setDouble(5, bar.high());
                    ps.setDouble(6, bar.low());
                    ps.setDouble(7, bar.close());
                    ps.setLong(8, bar.volume());
                    ps.setString(9, day.provider());
                    ps.addBatch();
                    count++;
                }
            }
            ps.executeBatch();
        }
        return count;
    }

    private static void upsertCoverage(Connection c, Collection<DayBars> days) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_COVERAGE)) {
            for (DayBars day : days) {
                ps.setString(1, day.symbol());
                ps.setString(2, day.timeframe().code());
                ps.setDate(3, Date.valueOf(day.day()));
                ps.setInt(4, day.bars().size());
                ps.setInt(5, day.expectedBars());
                ps.setBoolean(6, day.complete());
                ps.setString(7, day.provider());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

package dev.barfill.sink.write;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/**
 * A JDBC batch of one prepared upsert per bar. With pgjdbc's {@code reWriteBatchedInserts=true}
 * the driver folds it into multi-row {@code INSERT ... VALUES (...), (...)} statements.
 */
final class MultiRowUpsert implements WritePath {
    static final String UPSERT = "INSERT INTO ohlc_bars"
            + " (symbol, timeframe, ts, open, high, low, close, volume, provider, ingested_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
            + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
            + " provider = EXCLUDED.provider, ingested_at = EXCLUDED.ingested_at";
    /** Rows per executeBatch: bounds the driver's memory without costing round trips. */
    private static final int CHUNK = 8_192;

    @Override
    public int upsertBars(Connection c, Collection<DayBars> days) throws SQLException {
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
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
                    if (++count % CHUNK == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        return count;
    }
}

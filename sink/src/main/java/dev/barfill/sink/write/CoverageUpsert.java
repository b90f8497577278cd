package dev.barfill.sink.write;

import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/** One {@code bar_coverage} row per day, upserted in the transaction that writes its bars. */
public final class CoverageUpsert {
    static final String UPSERT = "INSERT INTO bar_coverage"
            + " (symbol, timeframe, day, bar_count, expected_bars, complete, provider, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (symbol, timeframe, day) DO UPDATE SET bar_count = EXCLUDED.bar_count,"
            + " expected_bars = EXCLUDED.expected_bars, complete = EXCLUDED.complete,"
            + " provider = EXCLUDED.provider, updated_at = EXCLUDED.updated_at";

    private CoverageUpsert() {
    }

    public static void upsert(Connection c, Collection<DayBars> days) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
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

package dev.barfill.sink.write;

import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/**
 * One {@code bar_coverage} row per day, upserted in the transaction that writes its bars. Times
 * come from the processes' clocks, never PostgreSQL's {@code now()}: {@code fetched_at} is the
 * fetcher's fetch time, {@code updated_at} the sink's write time, so that day states and the
 * planner's refresh delay compare them with the same (injectable) clock.
 */
public final class CoverageUpsert {
    static final String UPSERT = "INSERT INTO bar_coverage"
            + " (symbol, timeframe, day, bar_count, expected_bars, complete, settled, provider, fetched_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (symbol, timeframe, day) DO UPDATE SET bar_count = EXCLUDED.bar_count,"
            + " expected_bars = EXCLUDED.expected_bars, complete = EXCLUDED.complete, settled = EXCLUDED.settled,"
            + " provider = EXCLUDED.provider, fetched_at = EXCLUDED.fetched_at, updated_at = EXCLUDED.updated_at";

    private CoverageUpsert() {
    }

    /** @param writtenAt the sink's time of this write; also the fetch time of a day that carries none */
    public static void upsert(Connection c, Collection<DayBars> days, Instant writtenAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (DayBars day : days) {
                ps.setString(1, day.symbol());
                ps.setString(2, day.timeframe().code());
                ps.setDate(3, Date.valueOf(day.day()));
                ps.setInt(4, day.bars().size());
                ps.setInt(5, day.expectedBars());
                ps.setBoolean(6, day.complete());
                ps.setBoolean(7, day.settled());
                ps.setString(8, day.provider());
                ps.setTimestamp(9, Timestamp.from(day.fetchedAt() == null ? writtenAt : day.fetchedAt()));
                ps.setTimestamp(10, Timestamp.from(writtenAt));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

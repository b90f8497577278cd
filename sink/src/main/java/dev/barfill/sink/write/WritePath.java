package dev.barfill.sink.write;

import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * One way of upserting the bars of many days inside a transaction the caller owns. Every path
 * leaves the same rows: one per {@code (symbol, timeframe, ts)}, the newest values winning.
 */
public interface WritePath {

    /**
     * Upserts every bar of {@code days} on {@code c} (auto-commit off). Within one call a bar key
     * must appear once: PostgreSQL refuses a statement that touches a row twice.
     *
     * @return bars written
     */
    int upsertBars(Connection c, Collection<DayBars> days) throws SQLException;

    /** The path for a mode. */
    static WritePath of(WriteMode mode) {
        return switch (mode) {
            case COPY -> new CopyUpsert();
            case MULTI_ROW -> new MultiRowUpsert();
        };
    }
}

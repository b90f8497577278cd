package dev.barfill.sink;

import dev.barfill.core.DayBars;
import dev.barfill.sink.write.CoverageUpsert;
import dev.barfill.sink.write.DistinctBars;
import dev.barfill.sink.write.WriteMode;
import dev.barfill.sink.write.WritePath;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes days of bars and their coverage rows in one transaction with idempotent upserts, so a
 * replayed day leaves exactly one row per bar. The bars travel by the {@link WriteMode} chosen
 * ({@link WriteMode#COPY} unless told otherwise, the faster one measured).
 */
public final class BarWriter {
    private final DataSource dataSource;
    private final WritePath path;
    private final WriteMode mode;
    private final Clock clock;

    /** A writer on the default {@link WriteMode#COPY} path. */
    public BarWriter(DataSource dataSource) {
        this(dataSource, WriteMode.COPY);
    }

    /** A writer stamping coverage rows with the system clock. */
    public BarWriter(DataSource dataSource, WriteMode mode) {
        this(dataSource, mode, Clock.systemUTC());
    }

    /** @param clock stamps {@code bar_coverage.updated_at} (and {@code fetched_at} of a day that carries none) */
    public BarWriter(DataSource dataSource, WriteMode mode, Clock clock) {
        this.dataSource = dataSource;
        this.mode = mode;
        this.path = WritePath.of(mode);
        this.clock = clock;
    }

    /**
     * Writes every day in one transaction: all of them or, on any exception, none. Each chunk key
     * should appear once (the sink keeps the last copy); a bar time repeated inside a day is
     * written once, its last copy winning.
     *
     * @return bars written
     */
    public int write(Collection<DayBars> days) throws SQLException {
        List<DayBars> distinct = days.stream().map(DistinctBars::of).toList();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int bars = path.upsertBars(c, distinct);
                CoverageUpsert.upsert(c, distinct, clock.instant());
                c.commit();
                return bars;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is likely gone with the server; the original error says why.
            cause.addSuppressed(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public WriteMode mode() {
        return mode;
    }
}

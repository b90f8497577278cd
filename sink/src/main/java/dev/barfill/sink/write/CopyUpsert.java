package dev.barfill.sink.write;

import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Binary {@code COPY}, two ways. Days with no {@code bar_coverage} row yet (a backfill's usual
 * case) are copied straight into {@code ohlc_bars}: without a conflict the result is the upsert's,
 * and a unique violation (bars stored by another path, a concurrent writer) rolls back to a
 * savepoint and sends those days the second way too. Days already stored go into a temp table of
 * the session and are merged with one {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}; the temp
 * table is not WAL-logged, has no index and empties itself at commit or rollback.
 */
public final class CopyUpsert implements WritePath {
    static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS bars_stage (symbol text, timeframe text,"
            + " ts timestamptz, open double precision, high double precision, low double precision,"
            + " close double precision, volume bigint, provider text) ON COMMIT DELETE ROWS";
    static final String COPY_STAGE = "COPY bars_stage " + BinaryCopyEncoder.COLUMNS + " FROM STDIN (FORMAT binary)";
    static final String COPY_DIRECT = "COPY ohlc_bars " + BinaryCopyEncoder.COLUMNS + " FROM STDIN (FORMAT binary)";
    static final String MERGE = "INSERT INTO ohlc_bars"
            + " (symbol, timeframe, ts, open, high, low, close, volume, provider, ingested_at)"
            + " SELECT symbol, timeframe, ts, open, high, low, close, volume, provider, now() FROM bars_stage"
            + " ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
            + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
            + " provider = EXCLUDED.provider, ingested_at = EXCLUDED.ingested_at";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int PIECE = 1 << 20;

    @Override
    public int upsertBars(Connection c, Collection<DayBars> days) throws SQLException {
        Set<String> stored = StoredDays.of(c, days);
        List<DayBars> fresh = new ArrayList<>();
        List<DayBars> merge = new ArrayList<>();
        for (DayBars day : days) {
            (stored.contains(StoredDays.key(day)) ? merge : fresh).add(day);
        }
        long rows = 0;
        if (!fresh.isEmpty()) {
            Savepoint before = c.setSavepoint();
            try {
                rows += copy(c, COPY_DIRECT, fresh);
                c.releaseSavepoint(before);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(before);
                merge.addAll(fresh);
            }
        }
        if (!merge.isEmpty()) {
            rows += stageAndMerge(c, merge);
        }
        return Math.toIntExact(rows);
    }

    private static int stageAndMerge(Connection c, List<DayBars> days) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(STAGE);
        }
        copy(c, COPY_STAGE, days);
        try (PreparedStatement merge = c.prepareStatement(MERGE)) {
            return merge.executeUpdate();
        }
    }

    /**
     * Streams every bar of {@code days} with {@code copySql}, a binary COPY of
     * {@link BinaryCopyEncoder#COLUMNS}, in pieces of about {@value #PIECE} bytes.
     */
    public static long copy(Connection c, String copySql, Collection<DayBars> days) throws SQLException {
        BinaryCopyEncoder encoder = new BinaryCopyEncoder();
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        BinaryCopyEncoder.Sink<SQLException> send = (data, length) -> in.writeToCopy(data, 0, length);
        try {
            for (DayBars day : days) {
                encoder.add(day);
                if (encoder.size() >= PIECE) {
                    encoder.drainTo(send);
                }
            }
            BinaryCopyEncoder.Buffer rest = encoder.finish();
            in.writeToCopy(rest.array(), 0, rest.size());
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}

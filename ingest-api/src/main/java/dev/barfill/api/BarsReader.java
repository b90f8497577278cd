package dev.barfill.api;

import dev.barfill.core.Bar;
import dev.barfill.core.Series;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads stored bars of a series in {@code [from, to)}, oldest first, through the primary key. */
public final class BarsReader {
    private static final String SQL = "SELECT ts, open, high, low, close, volume FROM ohlc_bars"
            + " WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?";

    private static final int FETCH_SIZE = 5_000;

    private final DataSource dataSource;

    public BarsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Bar> read(Series series, Instant from, Instant to, int limit) {
        List<Bar> bars = new ArrayList<>();
        stream(series, from, to, limit, new BarSink() {
            @Override
            public void open() {
            }

            @Override
            public void accept(Bar bar) {
                bars.add(bar);
            }
        });
        return bars;
    }

    /** Receives the rows of one read: {@link #open()} once the query has answered, then each bar. */
    public interface BarSink {
        void open() throws IOException;

        void accept(Bar bar) throws IOException;
    }

    /**
     * Hands each bar to {@code sink} as it comes off the cursor, so a large answer never sits in
     * memory. The query runs before {@code open()}, so a database failure is still a clean 503.
     *
     * @return the number of bars handed over
     */
    public int stream(Series series, Instant from, Instant to, int limit, BarSink sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // pgjdbc honours the fetch size (a server-side cursor) only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, series.symbol().value());
                ps.setString(2, series.timeframe().code());
                ps.setTimestamp(3, Timestamp.from(from));
                ps.setTimestamp(4, Timestamp.from(to));
                ps.setInt(5, limit);
                ps.setFetchSize(FETCH_SIZE);
                return drain(ps, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("bars read failed: " + e.getMessage());
        }
    }

    private static int drain(PreparedStatement ps, BarSink sink) throws SQLException {
        int count = 0;
        try (ResultSet rs = ps.executeQuery()) {
            sink.open();
            while (rs.next()) {
                sink.accept(new Bar(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getLong(6)));
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("client went away while bars were streamed", e);
        }
        return count;
    }
}

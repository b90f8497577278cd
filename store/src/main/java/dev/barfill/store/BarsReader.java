package dev.barfill.store;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads stored bars of a series in {@code [from, to)}, oldest first, through the primary key. */
public final class BarsReader {
    private static final String SQL = "SELECT ts, open, high, low, close, volume FROM ohlc_bars"
            + " WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?";

    private static final String COUNT_SQL = "SELECT count(*) FROM ohlc_bars WHERE symbol = ? AND timeframe = ?"
            + " AND (ts AT TIME ZONE ?)::date BETWEEN ? AND ?";

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
     * memory. The query runs before {@code open()}, so a database failure is still a clean
     * {@link StoreUnavailableException} (the API's 503) before anything was sent.
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
            throw new StoreUnavailableException("bars read failed: " + e.getMessage(), e);
        }
    }

    /**
     * How many bars are stored on the days {@code [from, to]}, a day being a date in {@code zone}
     * (the exchange's: trading days are local dates).
     */
    public long countOnDays(Series series, LocalDate from, LocalDate to, ZoneId zone) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_SQL)) {
            ps.setString(1, series.symbol().value());
            ps.setString(2, series.timeframe().code());
            ps.setString(3, zone.getId());
            ps.setObject(4, from);
            ps.setObject(5, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("bars count failed: " + e.getMessage(), e);
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

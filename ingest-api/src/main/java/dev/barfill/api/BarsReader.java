package dev.barfill.api;

import dev.barfill.core.Bar;
import dev.barfill.core.Series;
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

    private final DataSource dataSource;

    public BarsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Bar> read(Series series, Instant from, Instant to, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, series.symbol().value());
            ps.setString(2, series.timeframe().code());
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setInt(5, limit);
            ps.setFetchSize(5_000);
            List<Bar> bars = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bars.add(new Bar(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3),
                            rs.getDouble(4), rs.getDouble(5), rs.getLong(6)));
                }
            }
            return bars;
        } catch (SQLException e) {
            throw ApiException.unavailable("bars read failed: " + e.getMessage());
        }
    }
}

package dev.barfill.api;

import dev.barfill.api.days.StoredDay;
import dev.barfill.core.CoverageWindow;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Reads which days of a window are stored; one indexed range scan of {@code bar_coverage} per call. */
public final class CoverageReader {
    private static final String SQL = "SELECT day FROM bar_coverage"
            + " WHERE symbol = ? AND timeframe = ? AND day BETWEEN ? AND ? AND complete";
    private static final String STORED_SQL = "SELECT day, bar_count, expected_bars, complete, provider, updated_at"
            + " FROM bar_coverage WHERE symbol = ? AND timeframe = ? AND day BETWEEN ? AND ?";

    private final DataSource dataSource;

    public CoverageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every stored day of the window with its counts and provider, complete or not, by day. */
    public Map<LocalDate, StoredDay> storedDays(CoverageWindow window) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STORED_SQL)) {
            ps.setString(1, window.series().symbol().value());
            ps.setString(2, window.series().timeframe().code());
            ps.setDate(3, Date.valueOf(window.from()));
            ps.setDate(4, Date.valueOf(window.to()));
            Map<LocalDate, StoredDay> days = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    days.put(day, new StoredDay(day, rs.getInt(2), rs.getInt(3), rs.getBoolean(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return days;
        } catch (SQLException e) {
            throw ApiException.unavailable("coverage lookup failed: " + e.getMessage());
        }
    }

    public SortedSet<LocalDate> completeDays(CoverageWindow window) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, window.series().symbol().value());
            ps.setString(2, window.series().timeframe().code());
            ps.setDate(3, Date.valueOf(window.from()));
            ps.setDate(4, Date.valueOf(window.to()));
            SortedSet<LocalDate> days = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getDate(1).toLocalDate());
                }
            }
            return days;
        } catch (SQLException e) {
            throw ApiException.unavailable("coverage lookup failed: " + e.getMessage());
        }
    }
}

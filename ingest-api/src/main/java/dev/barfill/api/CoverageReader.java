package dev.barfill.api;

import dev.barfill.api.days.StoredDay;
import dev.barfill.core.CoverageSql;
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

/**
 * Reads which days of a window are stored; one indexed range scan of {@code bar_coverage} per
 * call, with the planner's queries ({@link CoverageSql}) so that both call the same days covered.
 */
public final class CoverageReader {
    private final DataSource dataSource;

    public CoverageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Every stored day of the window with its counts and provider, covered or not, by day. */
    public Map<LocalDate, StoredDay> storedDays(CoverageWindow window) {
        Map<LocalDate, StoredDay> days = new TreeMap<>();
        query(CoverageSql.STORED_DAYS, window, rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            days.put(day, new StoredDay(day, rs.getInt(2), rs.getInt(3), rs.getBoolean(4), rs.getString(6),
                    rs.getTimestamp(7).toInstant(), rs.getBoolean(5)));
        });
        return days;
    }

    /** The covered days of the window: complete or settled. */
    public SortedSet<LocalDate> completeDays(CoverageWindow window) {
        SortedSet<LocalDate> days = new TreeSet<>();
        query(CoverageSql.COVERED_DAYS, window, rs -> days.add(rs.getDate(1).toLocalDate()));
        return days;
    }

    private void query(String sql, CoverageWindow window, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, window.series().symbol().value());
            ps.setString(2, window.series().timeframe().code());
            ps.setDate(3, Date.valueOf(window.from()));
            ps.setDate(4, Date.valueOf(window.to()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("coverage lookup failed: " + e.getMessage());
        }
    }
}

package dev.barfill.store;

import dev.barfill.core.Series;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Reads which days of a window are stored: one indexed range scan of {@code bar_coverage} per call.
 * The planner plans with it and the API answers with it, so both call the same days covered
 * ({@link CoverageSql}).
 */
public final class CoverageReader {
    private final DataSource dataSource;

    public CoverageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Every stored day of {@code [from, to]} with its counts and provider, covered or not, by day. */
    public Map<LocalDate, CoverageRow> storedDays(Series series, LocalDate from, LocalDate to) {
        Map<LocalDate, CoverageRow> days = new TreeMap<>();
        query(CoverageSql.STORED_DAYS, series, from, to, rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            Timestamp fetchedAt = rs.getTimestamp(8);
            days.put(day, new CoverageRow(day, rs.getInt(2), rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5),
                    rs.getString(6), rs.getTimestamp(7).toInstant(), fetchedAt == null ? null : fetchedAt.toInstant()));
        });
        return days;
    }

    /** The covered days of {@code [from, to]}: complete or settled. */
    public SortedSet<LocalDate> coveredDays(Series series, LocalDate from, LocalDate to) {
        SortedSet<LocalDate> days = new TreeSet<>();
        query(CoverageSql.COVERED_DAYS, series, from, to, rs -> days.add(rs.getDate(1).toLocalDate()));
        return days;
    }

    private void query(String sql, Series series, LocalDate from, LocalDate to, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, series.symbol().value());
            ps.setString(2, series.timeframe().code());
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("coverage lookup failed for " + series + ": " + e.getMessage(), e);
        }
    }
}

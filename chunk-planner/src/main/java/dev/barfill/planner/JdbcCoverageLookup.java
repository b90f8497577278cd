package dev.barfill.planner;

import dev.barfill.core.CoverageSql;
import dev.barfill.core.Series;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.CoverageUnavailableException;
import dev.barfill.planner.plan.DayCoverage;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Reads stored days from {@code bar_coverage}, the table the sink writes with the bars. */
public final class JdbcCoverageLookup implements CoverageLookup {
    private final DataSource dataSource;

    public JdbcCoverageLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The covered days: complete or settled ({@link CoverageSql#COVERED_DAYS}). */
    @Override
    public Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to) {
        Set<LocalDate> days = new HashSet<>();
        query(CoverageSql.COVERED_DAYS, series, from, to, rs -> days.add(rs.getDate(1).toLocalDate()));
        return days;
    }

    @Override
    public Map<LocalDate, DayCoverage> storedDays(Series series, LocalDate from, LocalDate to) {
        Map<LocalDate, DayCoverage> days = new TreeMap<>();
        query(CoverageSql.STORED_DAYS, series, from, to, rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            Timestamp fetchedAt = rs.getTimestamp(8);
            days.put(day, new DayCoverage(day, rs.getBoolean(4), rs.getBoolean(5), rs.getInt(2), rs.getInt(3),
                    fetchedAt == null ? null : fetchedAt.toInstant()));
        });
        return days;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
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
            // Any database failure is one waiting may cure: the planner keeps the request and asks again.
            throw new CoverageUnavailableException("coverage lookup failed for " + series + ": " + e.getMessage(), e);
        }
    }
}

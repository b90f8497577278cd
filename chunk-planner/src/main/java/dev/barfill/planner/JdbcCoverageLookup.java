package dev.barfill.planner;

import dev.barfill.core.Series;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.CoverageUnavailableException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** Reads complete days from {@code bar_coverage}, the table the sink writes with the bars. */
public final class JdbcCoverageLookup implements CoverageLookup {
    private static final String SQL = "SELECT day FROM bar_coverage"
            + " WHERE symbol = ? AND timeframe = ? AND day BETWEEN ? AND ? AND complete";

    private final DataSource dataSource;

    public JdbcCoverageLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, series.symbol().value());
            ps.setString(2, series.timeframe().code());
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            Set<LocalDate> days = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getDate(1).toLocalDate());
                }
            }
            return days;
        } catch (SQLException e) {
            // Any database failure is one waiting may cure: the planner keeps the request and asks again.
            throw new CoverageUnavailableException("coverage lookup failed for " + series + ": " + e.getMessage(), e);
        }
    }
}

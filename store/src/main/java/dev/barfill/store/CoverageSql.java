package dev.barfill.store;

/**
 * The queries of {@code bar_coverage} that the planner plans with and the API answers with, in one
 * place so that both call the same days covered. A day is covered when it is complete (closed and
 * whole) or settled (fetched after its close plus the settle delay, whatever bars it has). Each
 * takes symbol, timeframe code, first and last day.
 */
final class CoverageSql {
    /** Covered days of a window: one column, {@code day}. */
    static final String COVERED_DAYS = "SELECT day FROM bar_coverage"
            + " WHERE symbol = ? AND timeframe = ? AND day BETWEEN ? AND ? AND (complete OR settled)";

    /**
     * Every stored day of a window: {@code day, bar_count, expected_bars, complete, settled,
     * provider, updated_at, fetched_at} ({@code fetched_at} null for days stored before it was kept).
     */
    static final String STORED_DAYS = "SELECT day, bar_count, expected_bars, complete, settled, provider,"
            + " updated_at, fetched_at FROM bar_coverage WHERE symbol = ? AND timeframe = ? AND day BETWEEN ? AND ?";

    private CoverageSql() {
    }
}

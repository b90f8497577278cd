package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the simulator served (under either profile) and what was stored, bar for bar, and checks of
 * what the sink stored that a primary key or a CHECK constraint cannot make true: the
 * stored values are the ones the provider served, and {@code bar_coverage} agrees with
 * {@code ohlc_bars} day by day. A sink that wrote a day's bars twice under shifted timestamps,
 * mixed up two days, or counted bars it did not write fails these; duplicate keys never could.
 */
final class StoredBars {
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();
    private static final SimulatedMarket MARKET = new SimulatedMarket(CALENDARS);

    private StoredBars() {
    }

    /** What the simulator serves for {@code symbol} over {@code sessions}: every bar opening in a session. */
    static List<Bar> served(String symbol, Timeframe tf, List<Session> sessions) {
        List<Bar> out = new ArrayList<>();
        for (Session s : sessions) {
            out.addAll(MARKET.bars(Symbol.parse(symbol), tf.length(), s.open(), s.close()));
        }
        return out;
    }

    /**
     * What the {@link RealisticMarket realistic} simulator served for {@code symbol} over
     * {@code sessions}, as a correct client keeps it (rows of null prices dropped), in time order.
     */
    static List<Bar> served(RealisticMarket market, String symbol, Timeframe tf, List<Session> sessions) {
        List<Bar> out = new ArrayList<>();
        for (Session s : sessions) {
            out.addAll(market.keptBars(Symbol.parse(symbol), tf.length(), s.day()));
        }
        return out;
    }

    /** How many rows with all prices null the realistic simulator served for {@code symbol} over {@code sessions}. */
    static int nullRows(RealisticMarket market, String symbol, Timeframe tf, List<Session> sessions) {
        return sessions.stream().mapToInt(s -> market.nullRows(Symbol.parse(symbol), tf.length(), s.day()).size()).sum();
    }

    /** The stored bars of one series, oldest first. */
    static List<Bar> stored(DataSource db, String symbol, Timeframe tf) throws SQLException {
        List<Bar> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ts, open, high, low, close, volume FROM ohlc_bars WHERE symbol = ? AND timeframe = ? ORDER BY ts")) {
            ps.setString(1, symbol);
            ps.setString(2, tf.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Bar(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    /** The stored bars of {@code symbol} are exactly the simulator's for {@code sessions}, value for value. */
    static void assertServedBySimulator(DataSource db, String symbol, Timeframe tf, List<Session> sessions)
            throws SQLException {
        assertStored(db, symbol, tf, served(symbol, tf, sessions));
    }

    /**
     * Every series stored at {@code tf} holds exactly the simulator's bars for {@code sessions}.
     *
     * @return the symbols checked
     */
    static List<String> assertEverySymbolServedBySimulator(DataSource db, Timeframe tf, List<Session> sessions)
            throws SQLException {
        List<String> symbols = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT symbol FROM ohlc_bars WHERE timeframe = ? ORDER BY symbol")) {
            ps.setString(1, tf.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    symbols.add(rs.getString(1));
                }
            }
        }
        for (String symbol : symbols) {
            assertServedBySimulator(db, symbol, tf, sessions);
        }
        return symbols;
    }

    /** The stored bars of {@code symbol} are exactly {@code expected}, in time order, value for value. */
    static void assertStored(DataSource db, String symbol, Timeframe tf, List<Bar> expected) throws SQLException {
        assertThat(expected).as("bars expected for %s %s", symbol, tf.code()).isNotEmpty();
        assertThat(stored(db, symbol, tf)).as("bars stored for %s %s", symbol, tf.code())
                .containsExactlyElementsOf(expected);
    }

    /**
     * Every {@code bar_coverage} row's {@code bar_count} is the number of {@code ohlc_bars} rows of
     * that series on that trading day (the exchange's local date), and every stored bar's day has a
     * coverage row.
     *
     * @return the number of coverage rows checked, so a caller can also assert it checked something
     */
    static int assertCoverageAgreesWithBars(DataSource db) throws SQLException {
        Map<String, Integer> covered = new TreeMap<>();
        Map<String, Integer> counted = new TreeMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe, day, bar_count FROM bar_coverage");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    covered.put(dayKey(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)), rs.getInt(4));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe, ts FROM ohlc_bars");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String symbol = rs.getString(1);
                    LocalDate day = rs.getTimestamp(3).toInstant().atZone(zone(symbol)).toLocalDate();
                    counted.merge(dayKey(symbol, rs.getString(2), day), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> expected = new TreeMap<>(covered);
        expected.entrySet().removeIf(e -> e.getValue() == 0 && !counted.containsKey(e.getKey()));
        assertThat(counted).as("bars stored per series and day, against bar_coverage.bar_count")
                .containsExactlyInAnyOrderEntriesOf(expected);
        return covered.size();
    }

    private static ZoneId zone(String symbol) {
        return CALENDARS.forSymbol(Symbol.parse(symbol)).zone();
    }

    private static String dayKey(String symbol, String timeframe, LocalDate day) {
        return symbol + ":" + timeframe + ":" + day;
    }
}

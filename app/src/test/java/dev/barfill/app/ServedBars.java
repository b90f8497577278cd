package dev.barfill.app;

import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What the realistic simulator served over a window, and what was stored, bar for bar. */
final class ServedBars {
    private ServedBars() {
    }

    /** The bars of {@code symbol} a correct client keeps from the answers for {@code sessions}, in time order. */
    static List<Bar> kept(RealisticMarket served, String symbol, Timeframe tf, List<Session> sessions) {
        List<Bar> out = new ArrayList<>();
        for (Session s : sessions) {
            out.addAll(served.keptBars(Symbol.parse(symbol), tf.length(), s.day()));
        }
        return out;
    }

    /** How many rows with all prices null were served for {@code symbol} over {@code sessions}. */
    static int nullRows(RealisticMarket served, String symbol, Timeframe tf, List<Session> sessions) {
        return sessions.stream().mapToInt(s -> served.nullRows(Symbol.parse(symbol), tf.length(), s.day()).size()).sum();
    }

    /** The stored bars of {@code symbol} at {@code tf}, in time order. */
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
}

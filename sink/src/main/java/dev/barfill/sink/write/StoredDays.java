package dev.barfill.sink.write;

import dev.barfill.core.DayBars;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Which of a batch's days already have a {@code bar_coverage} row: one indexed lookup per batch. */
final class StoredDays {
    static final String SQL = "SELECT c.symbol, c.timeframe, c.day FROM bar_coverage c"
            + " JOIN unnest(?::text[], ?::text[], ?::date[]) AS k(symbol, timeframe, day)"
            + " ON c.symbol = k.symbol AND c.timeframe = k.timeframe AND c.day = k.day";

    private StoredDays() {
    }

    /** @return the chunk keys ({@code SYMBOL:tf:yyyy-mm-dd}) of the stored days */
    static Set<String> of(Connection c, Collection<DayBars> days) throws SQLException {
        String[] symbols = new String[days.size()];
        String[] timeframes = new String[days.size()];
        Date[] dates = new Date[days.size()];
        int i = 0;
        for (DayBars day : days) {
            symbols[i] = day.symbol();
            timeframes[i] = day.timeframe().code();
            dates[i++] = Date.valueOf(day.day());
        }
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setArray(1, c.createArrayOf("text", symbols));
            ps.setArray(2, c.createArrayOf("text", timeframes));
            ps.setArray(3, c.createArrayOf("date", dates));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getObject(3, java.time.LocalDate.class));
                }
            }
        }
        return stored;
    }

    /** The key {@link #of} answers with; the same as the day's chunk key. */
    static String key(DayBars day) {
        return day.symbol() + ":" + day.timeframe().code() + ":" + day.day();
    }
}

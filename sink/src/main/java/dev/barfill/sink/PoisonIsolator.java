package dev.barfill.sink;

import dev.barfill.core.DayBars;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch in one transaction; when the table refuses some value, bisects the batch so that
 * only the refusing days are set aside and every other day is written. Retryable errors pass
 * through unchanged: halves already committed are harmless to write again.
 */
final class PoisonIsolator {

    /** A day the table refused, and why. */
    record Poisoned(DayBars day, String reason, String sqlState) {
    }

    /** What became of a batch. */
    record Outcome(List<DayBars> written, long bars, List<Poisoned> poisoned) {
    }

    private final BarWriter writer;

    PoisonIsolator(BarWriter writer) {
        this.writer = writer;
    }

    Outcome write(List<DayBars> days) throws SQLException {
        List<DayBars> written = new ArrayList<>();
        List<Poisoned> poisoned = new ArrayList<>();
        long bars = write(days, written, poisoned);
        return new Outcome(written, bars, poisoned);
    }

    private long write(List<DayBars> days, List<DayBars> written, List<Poisoned> poisoned) throws SQLException {
        if (days.isEmpty()) {
            return 0;
        }
        try {
            int bars = writer.write(days);
            written.addAll(days);
            return bars;
        } catch (SQLException e) {
            if (SqlErrors.classify(e) != SqlErrors.Kind.DATA) {
                throw e;
            }
            if (days.size() == 1) {
                poisoned.add(new Poisoned(days.get(0), SqlErrors.describe(e), SqlErrors.sqlState(e)));
                return 0;
            }
            int half = days.size() / 2;
            return write(days.subList(0, half), written, poisoned) + write(days.subList(half, days.size()), written, poisoned);
        }
    }
}

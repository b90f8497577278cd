package dev.barfill.core.calendar;

import dev.barfill.core.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One trading session: the local trading day and the UTC instants of its regular open and close.
 * {@code earlyClose} marks a shortened session (13:00 New York on the eves of some holidays).
 */
public record Session(LocalDate day, Instant open, Instant close, boolean earlyClose) {

    public Session {
        if (!close.isAfter(open)) {
            throw new IllegalArgumentException("session " + day + " closes before it opens");
        }
    }

    public Duration length() {
        return Duration.between(open, close);
    }

    /** True when a bar stamped {@code ts} opens inside the regular session. */
    public boolean contains(Instant ts) {
        return !ts.isBefore(open) && ts.isBefore(close);
    }

    /**
     * Bars a complete day holds at {@code tf}: intraday bars are aligned to the open, so a last
     * partial bar counts (1h on 09:30-16:00 gives 7); daily and weekly series hold one bar a day.
     */
    public int expectedBars(Timeframe tf) {
        if (!tf.intraday()) {
            return 1;
        }
        long seconds = length().toSeconds();
        long step = tf.length().toSeconds();
        return (int) ((seconds + step - 1) / step);
    }

    /** True while the session is under way at {@code now}: its bars are not final yet. */
    public boolean openAt(Instant now) {
        return !now.isBefore(open) && now.isBefore(close);
    }
}

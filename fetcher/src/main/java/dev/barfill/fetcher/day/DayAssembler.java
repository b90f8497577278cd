package dev.barfill.fetcher.day;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a provider's answer into the validated bars of one trading day. Pure.
 *
 * <p>A day is complete when its session has closed and every expected bar is there; it is settled
 * when it was fetched at or after its close plus the settle delay, whatever it holds: an illiquid
 * name's intervals with no trade never come, and a settled day is not fetched again.
 */
public final class DayAssembler {

    private DayAssembler() {
    }

    /** With no settle delay: a day fetched at or after its close is settled. */
    public static DayBars assemble(Series series, Session session, String provider, List<Bar> fetched, Instant now) {
        return assemble(series, session, provider, fetched, now, Duration.ZERO);
    }

    public static DayBars assemble(Series series, Session session, String provider, List<Bar> fetched, Instant now,
                                   Duration settleDelay) {
        BarValidator.Result result = BarValidator.validate(session, series.timeframe(), fetched);
        int expected = session.expectedBars(series.timeframe());
        // A session still under way may gain bars: store what there is, but never call it complete.
        boolean complete = !now.isBefore(session.close()) && result.accepted().size() >= expected;
        boolean settled = !now.isBefore(session.close().plus(settleDelay));
        return new DayBars(series.symbol().value(), series.timeframe(), session.day(), provider,
                result.accepted(), expected, complete, result.rejected(), now, null, settled);
    }
}

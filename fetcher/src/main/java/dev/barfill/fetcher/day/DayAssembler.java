package dev.barfill.fetcher.day;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.core.calendar.Session;
import java.time.Instant;
import java.util.List;

/** Turns a provider's answer into the validated bars of one trading day. Pure. */
public final class DayAssembler {

    private DayAssembler() {
    }

    public static DayBars assemble(Series series, Session session, String provider, List<Bar> fetched, Instant now) {
        BarValidator.Result result = BarValidator.validate(session, series.timeframe(), fetched);
        int expected = session.expectedBars(series.timeframe());
        // A session still under way may gain bars: store what there is, but never call it complete.
        boolean complete = !now.isBefore(session.close()) && result.accepted().size() >= expected;
        return new DayBars(series.symbol().value(), series.timeframe(), session.day(), provider,
                result.accepted(), expected, complete, result.rejected(), now);
    }
}

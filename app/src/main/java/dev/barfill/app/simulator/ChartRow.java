package dev.barfill.app.simulator;

import dev.barfill.core.Bar;
import java.time.Instant;

/**
 * One row of a chart answer as the simulator serves it: a bar, or a timestamp whose prices and
 * volume are all null, as Yahoo serves an interval it has no quote for.
 *
 * @param bar the row's prices, or null for a row whose prices are all null
 */
public record ChartRow(Instant ts, Bar bar) {

    public static ChartRow of(Bar bar) {
        return new ChartRow(bar.ts(), bar);
    }

    public static ChartRow pricesMissing(Instant ts) {
        return new ChartRow(ts, null);
    }

    public boolean hasPrices() {
        return bar != null;
    }
}

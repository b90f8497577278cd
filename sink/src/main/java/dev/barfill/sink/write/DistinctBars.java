package dev.barfill.sink.write;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Makes each bar time appear once in a day, the last copy winning, as a replayed upsert would.
 * One statement may not touch a row twice, so a day that repeats a bar would otherwise fail.
 */
public final class DistinctBars {
    private DistinctBars() {
    }

    /** {@code day} itself when its bars are already strictly ascending (the usual case), else a copy. */
    public static DayBars of(DayBars day) {
        List<Bar> bars = day.bars();
        boolean ascending = true;
        for (int i = 1; i < bars.size() && ascending; i++) {
            ascending = bars.get(i - 1).ts().isBefore(bars.get(i).ts());
        }
        if (ascending) {
            return day;
        }
        TreeMap<Instant, Bar> byTs = new TreeMap<>();
        bars.forEach(b -> byTs.put(b.ts(), b));
        return new DayBars(day.symbol(), day.timeframe(), day.day(), day.provider(), new ArrayList<>(byTs.values()),
                day.expectedBars(), day.complete(), day.rejectedBars(), day.fetchedAt(), day.plannedAt());
    }
}

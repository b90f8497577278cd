package dev.barfill.fetcher.resample;

import dev.barfill.core.Bar;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.Session;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds coarser bars from finer ones on session-aligned boundaries, never across a session: a 4h
 * bar opens at the session open or four hours after it, and takes the first open, the highest
 * high, the lowest low, the last close and the summed volume of the bars inside it. Weekly bars
 * group daily bars by the Monday of their local week and are stamped with the first day's
 * bar. Pure.
 */
public final class Resampler {

    private Resampler() {
    }

    /** Bars of {@code session} at {@code target} from finer intraday bars; bars outside the session are ignored. */
    public static List<Bar> intraday(List<Bar> finer, Session session, Timeframe target) {
        if (!target.intraday()) {
            throw new IllegalArgumentException("intraday resampling needs an intraday target, got " + target);
        }
        long step = target.length().toSeconds();
        Map<Long, List<Bar>> buckets = new TreeMap<>();
        for (Bar bar : finer) {
            if (session.contains(bar.ts())) {
                long index = Duration.between(session.open(), bar.ts()).toSeconds() / step;
                buckets.computeIfAbsent(index, k -> new ArrayList<>()).add(bar);
            }
        }
        List<Bar> out = new ArrayList<>(buckets.size());
        buckets.forEach((index, bars) -> out.add(merge(session.open().plusSeconds(index * step), bars)));
        return out;
    }

    /** Weekly bars from daily bars, one per local week (Monday to Sunday in {@code zone}). */
    public static List<Bar> weekly(List<Bar> daily, ZoneId zone) {
        Map<LocalDate, List<Bar>> weeks = new TreeMap<>();
        for (Bar bar : daily) {
            LocalDate monday = bar.ts().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            weeks.computeIfAbsent(monday, k -> new ArrayList<>()).add(bar);
        }
        List<Bar> out = new ArrayList<>(weeks.size());
        weeks.values().forEach(bars -> {
            bars.sort((a, b) -> a.ts().compareTo(b.ts()));
            out.add(merge(bars.get(0).ts(), bars));
        });
        return out;
    }

    private static Bar merge(Instant ts, List<Bar> bars) {
        bars.sort((a, b) -> a.ts().compareTo(b.ts()));
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        long volume = 0;
        for (Bar b : bars) {
            high = Math.max(high, b.high());
            low = Math.min(low, b.low());
            volume += b.volume();
        }
        return new Bar(ts, bars.get(0).open(), high, low, bars.get(bars.size() - 1).close(), volume);
    }
}

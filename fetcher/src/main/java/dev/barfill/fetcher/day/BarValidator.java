package dev.barfill.fetcher.day;

import dev.barfill.core.Bar;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the bars of one session that could be true. Bars outside the regular session are
 * ignored; inside it, bars not aligned to the timeframe from the open, impossible prices,
 * negative volume and repeated timestamps are rejected and counted. Pure.
 */
public final class BarValidator {

    private BarValidator() {
    }

    /** The accepted bars in time order, and how many were dropped. */
    public record Result(List<Bar> accepted, int rejected) {
    }

    public static Result validate(Session session, Timeframe timeframe, List<Bar> candidates) {
        List<Bar> sorted = new ArrayList<>(candidates);
        sorted.sort((a, b) -> a.ts().compareTo(b.ts()));
        List<Bar> accepted = new ArrayList<>(sorted.size());
        Set<Long> seen = new HashSet<>();
        int rejected = 0;
        for (Bar bar : sorted) {
            if (!session.contains(bar.ts())) {
                // Another day's bar in a multi-day answer, or Yahoo's zero-volume bar stamped at the
                // close: not this session's, and not an error either.
                continue;
            }
            if (!aligned(session, timeframe, bar) || !plausible(bar) || !seen.add(bar.ts().getEpochSecond())) {
                rejected++;
            } else {
                accepted.add(bar);
            }
        }
        return new Result(accepted, rejected);
    }

    static boolean aligned(Session session, Timeframe timeframe, Bar bar) {
        if (!timeframe.intraday()) {
            return true;
        }
        long offset = Duration.between(session.open(), bar.ts()).toSeconds();
        return offset % timeframe.length().toSeconds() == 0;
    }

    static boolean plausible(Bar b) {
        boolean finite = Double.isFinite(b.open()) && Double.isFinite(b.high())
                && Double.isFinite(b.low()) && Double.isFinite(b.close());
        return finite && b.open() > 0 && b.high() > 0 && b.low() > 0 && b.close() > 0
                && b.high() >= Math.max(b.open(), b.close())
                && b.low() <= Math.min(b.open(), b.close())
                && b.volume() >= 0;
    }
}

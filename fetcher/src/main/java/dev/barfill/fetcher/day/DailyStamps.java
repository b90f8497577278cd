package dev.barfill.fetcher.day;

import dev.barfill.core.Bar;
import dev.barfill.core.calendar.Session;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Providers stamp a daily bar differently (Yahoo at the open, Polygon and Alpaca at local or UTC
 * midnight); barfill stamps it at the session open. A bar of the session's local day stamped
 * before the open is moved there; others (Yahoo's zero-volume bar at the close, other days) are
 * left for validation to ignore. Pure.
 */
public final class DailyStamps {

    private DailyStamps() {
    }

    public static List<Bar> atSessionOpen(List<Bar> bars, Session session, ZoneId zone) {
        List<Bar> out = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            boolean early = b.ts().isBefore(session.open()) && b.ts().atZone(zone).toLocalDate().equals(session.day());
            out.add(early ? new Bar(session.open(), b.open(), b.high(), b.low(), b.close(), b.volume()) : b);
        }
        return out;
    }
}

package dev.barfill.fetcher.day;

import dev.barfill.core.Bar;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.calendar.TradingPeriods;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Providers stamp a weekly bar on the week's Monday whether or not it trades (Yahoo at 09:30
 * New York, Alpaca at midnight), or on the Sunday before it (Polygon, at midnight New York);
 * barfill stamps it at the week's first session open ({@link TradingPeriods}). A bar of the
 * week is moved there; bars of other weeks are left for validation to ignore. Pure.
 */
public final class WeeklyStamps {

    private WeeklyStamps() {
    }

    /** @param week the trading week, as {@link TradingPeriods#week} gives it */
    public static List<Bar> atWeekOpen(List<Bar> bars, Session week, ZoneId zone) {
        LocalDate monday = TradingPeriods.monday(week.day());
        List<Bar> out = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            boolean ofWeek = mondayOf(b.ts().atZone(zone).toLocalDate()).equals(monday);
            out.add(ofWeek ? new Bar(week.open(), b.open(), b.high(), b.low(), b.close(), b.volume()) : b);
        }
        return out;
    }

    /** A Sunday stamp names the week that begins the next day (Polygon's weeks start on Sunday). */
    static LocalDate mondayOf(LocalDate local) {
        return local.getDayOfWeek() == DayOfWeek.SUNDAY ? local.plusDays(1) : TradingPeriods.monday(local);
    }
}

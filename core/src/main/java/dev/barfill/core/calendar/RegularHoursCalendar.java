package dev.barfill.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Weekdays with fixed local hours and no holidays: the fallback for exchanges that have no
 * calendar of their own yet. The wall-clock hours are converted through the zone rules, so
 * daylight saving time moves the UTC instants, never the local ones.
 */
public final class RegularHoursCalendar implements ExchangeCalendar {
    private final String id;
    private final ZoneId zone;
    private final LocalTime open;
    private final LocalTime close;

    public RegularHoursCalendar(String id, ZoneId zone, LocalTime open, LocalTime close) {
        this.id = id;
        this.zone = zone;
        this.open = open;
        this.close = close;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return Optional.empty();
        }
        return Optional.of(new Session(day, day.atTime(open).atZone(zone).toInstant(),
                day.atTime(close).atZone(zone).toInstant(), false));
    }
}

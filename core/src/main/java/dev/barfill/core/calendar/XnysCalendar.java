package dev.barfill.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The New York Stock Exchange calendar, also right for Nasdaq: regular sessions 09:30-16:00
 * America/New_York on weekdays, minus the closures of {@link XnysHolidays}, with a 13:00 close on
 * its early-close days. Stateless and thread-safe.
 *
 * <p>Wall-clock hours go through the zone rules, so daylight saving time (and its 2007 change of
 * dates) moves the UTC instants: 09:30 is 14:30Z in winter and 13:30Z in summer.
 *
 * <p>Days from {@link #FIRST_DAY} to {@link #LAST_DAY} are supported; any other day makes
 * {@link #session(LocalDate)} throw {@link IllegalArgumentException} rather than guess.
 */
public final class XnysCalendar implements ExchangeCalendar {
    public static final String ID = "XNYS";
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    public static final LocalTime OPEN = LocalTime.of(9, 30);
    public static final LocalTime CLOSE = LocalTime.of(16, 0);
    public static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
    public static final LocalDate FIRST_DAY = LocalDate.of(XnysHolidays.FIRST_YEAR, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(XnysHolidays.LAST_YEAR, 12, 31);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    @Override
    public LocalDate firstDay() {
        return FIRST_DAY;
    }

    @Override
    public LocalDate lastDay() {
        return LAST_DAY;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        requireSupported(day);
        if (isWeekend(day) || XnysHolidays.closures(day.getYear()).containsKey(day)) {
            return Optional.empty();
        }
        boolean early = XnysHolidays.earlyCloses(day.getYear()).containsKey(day);
        LocalTime close = early ? EARLY_CLOSE : CLOSE;
        return Optional.of(new Session(day, day.atTime(OPEN).atZone(ZONE).toInstant(),
                day.atTime(close).atZone(ZONE).toInstant(), early));
    }

    /**
     * Why the exchange is closed on the weekday {@code day} (such as {@code Good Friday}), or
     * empty when it trades or when {@code day} is a weekend.
     */
    public Optional<String> closureName(LocalDate day) {
        requireSupported(day);
        return Optional.ofNullable(XnysHolidays.closures(day.getYear()).get(day));
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    private static void requireSupported(LocalDate day) {
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new IllegalArgumentException("XNYS calendar covers " + FIRST_DAY + " to "
                    + LAST_DAY + ", not " + day);
        }
    }

    @Override
    public String toString() {
        return ID;
    }
}

package dev.barfill.core.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NYSE (and Nasdaq, which follows the same schedule) full-day closures and 13:00 early closes for
 * one year: the recurring holidays of NYSE Rule 7.2 plus the one-off closures the exchange
 * announced. Pure {@code java.time}; years are computed once and cached, so it is thread-safe.
 *
 * <p>Supported years are {@value #FIRST_YEAR} to {@value #LAST_YEAR}. The rules are exact for
 * 2000 through the latest calendar the NYSE has published; later years are a projection of
 * today's rules, so a new holiday or an unscheduled closure must be added here when announced.
 * Earlier years are refused rather than guessed: the late 1990s had one-off early closes
 * (1997-12-26, 1998-12-24, a disputed 1999-12-31) that nobody here has checked.
 *
 * <p>Only whole-day closures and scheduled early closes are modelled. Intraday disturbances are
 * not: the noon opening on 2002-09-11, the one- to three-minute late opens for moments of
 * silence (2001-09-17, 2001-10-08, 2003-03-20, 2004-06-07, 2006-12-27) and the 15:56 halt on
 * 2005-06-01. On those days a provider may legitimately return a few bars fewer than expected.
 */
public final class XnysHolidays {
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2099;

    /** Closures decided by the exchange on the day or days before; no rule predicts them. */
    private static final Map<LocalDate, String> ONE_OFF_CLOSURES = Map.of(
            LocalDate.of(2001, 9, 11), "September 11 attacks",
            LocalDate.of(2001, 9, 12), "September 11 attacks",
            LocalDate.of(2001, 9, 13), "September 11 attacks",
            LocalDate.of(2001, 9, 14), "September 11 attacks",
            LocalDate.of(2004, 6, 11), "National day of mourning for President Reagan",
            LocalDate.of(2007, 1, 2), "National day of mourning for President Ford",
            LocalDate.of(2012, 10, 29), "Hurricane Sandy",
            LocalDate.of(2012, 10, 30), "Hurricane Sandy",
            LocalDate.of(2018, 12, 5), "National day of mourning for President George H. W. Bush",
            LocalDate.of(2025, 1, 9), "National day of mourning for President Carter");

    /** Early closes the NYSE announced outside the recurring rules. */
    private static final Map<LocalDate, String> ONE_OFF_EARLY_CLOSES = Map.of(
            LocalDate.of(2003, 12, 26), "Day after Christmas");

    private static final Map<Integer, YearSchedule> CACHE = new ConcurrentHashMap<>();

    private record YearSchedule(NavigableMap<LocalDate, String> closures,
                                NavigableMap<LocalDate, String> earlyCloses) {
    }

    private XnysHolidays() {
    }

    /**
     * The weekdays of {@code year} on which the exchange is closed all day, each with the name
     * of its holiday, in date order. Weekends are never listed.
     *
     * @throws IllegalArgumentException when {@code year} is not supported
     */
    public static NavigableMap<LocalDate, String> closures(int year) {
        return schedule(year).closures();
    }

    /**
     * The days of {@code year} on which the exchange closes at 13:00 New York time, each with
     * the reason, in date order. A day that is closed is never an early close.
     *
     * @throws IllegalArgumentException when {@code year} is not supported
     */
    public static NavigableMap<LocalDate, String> earlyCloses(int year) {
        return schedule(year).earlyCloses();
    }

    /** Easter Sunday of the Gregorian {@code year} (anonymous Gregorian computus). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static YearSchedule schedule(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("XNYS holidays are known for " + FIRST_YEAR + "-"
                    + LAST_YEAR + " only, not for " + year);
        }
        return CACHE.computeIfAbsent(year, XnysHolidays::compute);
    }

    private static YearSchedule compute(int year) {
        NavigableMap<LocalDate, String> closed = recurringClosures(year);
        ONE_OFF_CLOSURES.forEach((day, name) -> {
            if (day.getYear() == year) {
                closed.put(day, name);
            }
        });
        NavigableMap<LocalDate, String> early = recurringEarlyCloses(year);
        ONE_OFF_EARLY_CLOSES.forEach((day, name) -> {
            if (day.getYear() == year) {
                early.put(day, name);
            }
        });
        // A rule-made early close can meet a closure (a mourning day, say); closed wins.
        early.keySet().removeAll(closed.keySet());
        return new YearSchedule(Collections.unmodifiableNavigableMap(closed),
                Collections.unmodifiableNavigableMap(early));
    }

    private static NavigableMap<LocalDate, String> recurringClosures(int year) {
        NavigableMap<LocalDate, String> closed = new TreeMap<>();
        LocalDate newYear = LocalDate.of(year, 1, 1);
        // Rule 7.2 skips the Friday substitute when it would close an accounting period: a
        // Saturday January 1 leaves December 31 a full trading day (2005, 2011, 2022, 2028).
        if (newYear.getDayOfWeek() != SATURDAY) {
            closed.put(observed(newYear), "New Year's Day");
        }
        closed.put(nth(year, Month.JANUARY, MONDAY, 3), "Martin Luther King Jr. Day");
        closed.put(nth(year, Month.FEBRUARY, MONDAY, 3), "Washington's Birthday");
        closed.put(easterSunday(year).minusDays(2), "Good Friday");
        closed.put(LocalDate.of(year, 5, 31).with(TemporalAdjusters.previousOrSame(MONDAY)),
                "Memorial Day");
        // Made a federal holiday in June 2021, too late for the NYSE's 2021 schedule.
        if (year >= 2022) {
            closed.put(observed(LocalDate.of(year, 6, 19)), "Juneteenth National Independence Day");
        }
        closed.put(observed(LocalDate.of(year, 7, 4)), "Independence Day");
        closed.put(nth(year, Month.SEPTEMBER, MONDAY, 1), "Labor Day");
        closed.put(thanksgiving(year), "Thanksgiving Day");
        closed.put(observed(LocalDate.of(year, 12, 25)), "Christmas Day");
        return closed;
    }

    private static NavigableMap<LocalDate, String> recurringEarlyCloses(int year) {
        NavigableMap<LocalDate, String> early = new TreeMap<>();
        LocalDate july3 = LocalDate.of(year, 7, 3);
        DayOfWeek july3Day = july3.getDayOfWeek();
        // Until 2012 a Thursday July 4 shortened the Friday after it (2002-07-05) and left the
        // Wednesday before it a full day; from 2013 on it is the Wednesday (2013, 2019, 2024).
        boolean wednesdayEve = july3Day == WEDNESDAY && year >= 2013;
        if (july3Day == MONDAY || july3Day == TUESDAY || july3Day == THURSDAY || wednesdayEve) {
            early.put(july3, "Independence Day eve");
        }
        LocalDate july5 = LocalDate.of(year, 7, 5);
        if (year < 2013 && july5.getDayOfWeek() == FRIDAY) {
            early.put(july5, "Day after Independence Day");
        }
        early.put(thanksgiving(year).plusDays(1), "Day after Thanksgiving");
        // A Friday December 24 is the observed Christmas holiday, a weekend one needs nothing.
        LocalDate christmasEve = LocalDate.of(year, 12, 24);
        if (christmasEve.getDayOfWeek().compareTo(THURSDAY) <= 0) {
            early.put(christmasEve, "Christmas Eve");
        }
        return early;
    }

    /** Saturday holidays are observed the Friday before, Sunday ones the Monday after. */
    private static LocalDate observed(LocalDate holiday) {
        DayOfWeek dow = holiday.getDayOfWeek();
        if (dow == SATURDAY) {
            return holiday.minusDays(1);
        }
        return dow == SUNDAY ? holiday.plusDays(1) : holiday;
    }

    private static LocalDate thanksgiving(int year) {
        return nth(year, Month.NOVEMBER, THURSDAY, 4);
    }

    private static LocalDate nth(int year, Month month, DayOfWeek dow, int ordinal) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(ordinal, dow));
    }
}

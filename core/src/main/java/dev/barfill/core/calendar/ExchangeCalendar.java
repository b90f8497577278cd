package dev.barfill.core.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which local dates an exchange trades, and when. Implementations are pure and thread-safe. */
public interface ExchangeCalendar {

    /** A short name such as {@code XNYS} or {@code 24x7}. */
    String id();

    /**
     * The first day this calendar answers for; {@link #session} may throw before it. Default
     * 1970-01-01: no provider serves intraday bars older than that, and a bound keeps the
     * arithmetic on instants finite.
     */
    default LocalDate firstDay() {
        return LocalDate.of(1970, 1, 1);
    }

    /** The last day this calendar answers for; {@link #session} may throw after it. Default 9999-12-31. */
    default LocalDate lastDay() {
        return LocalDate.of(9999, 12, 31);
    }

    /** Whether {@code day} lies between {@link #firstDay()} and {@link #lastDay()}. */
    default boolean covers(LocalDate day) {
        return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
    }

    /** The exchange's time zone: a trading day is a local date there. */
    ZoneId zone();

    /**
     * The session of {@code day}, or empty when the exchange is closed all day.
     *
     * @throws IllegalArgumentException when {@code day} lies outside the years the calendar knows
     */
    Optional<Session> session(LocalDate day);

    default boolean isTradingDay(LocalDate day) {
        return session(day).isPresent();
    }

    /** Every session from {@code from} to {@code to}, both inclusive, in date order. */
    default List<Session> sessions(LocalDate from, LocalDate to) {
        List<Session> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            session(d).ifPresent(out::add);
        }
        return out;
    }

    /** The latest trading day on or before {@code day}; looks back at most a year. */
    default LocalDate tradingDayOnOrBefore(LocalDate day) {
        for (LocalDate d = day; d.isAfter(day.minusDays(366)); d = d.minusDays(1)) {
            if (isTradingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException(id() + " has no trading day in the year before " + day);
    }

    /** The earliest trading day on or after {@code day}; looks ahead at most a year. */
    default LocalDate tradingDayOnOrAfter(LocalDate day) {
        for (LocalDate d = day; d.isBefore(day.plusDays(366)); d = d.plusDays(1)) {
            if (isTradingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException(id() + " has no trading day in the year after " + day);
    }

    /**
     * How many trading days lie from {@code from} to {@code to}, both inclusive; 0 when {@code to}
     * is before {@code from}.
     */
    default int countTradingDays(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isTradingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The first of the {@code count} trading days that end on {@code last} (inclusive). */
    default LocalDate startOfLastTradingDays(LocalDate last, int count) {
        LocalDate d = tradingDayOnOrBefore(last);
        for (int seen = 1; seen < count; seen++) {
            d = tradingDayOnOrBefore(d.minusDays(1));
        }
        return d;
    }

    /** The latest trading day whose session has opened at {@code now}: today once the bell rang. */
    default LocalDate lastOpenedDay(java.time.Instant now) {
        LocalDate day = tradingDayOnOrBefore(now.atZone(zone()).toLocalDate());
        return session(day).orElseThrow().open().isAfter(now) ? tradingDayOnOrBefore(day.minusDays(1)) : day;
    }

    /** The latest trading day whose session has closed at {@code now}: its bars are final. */
    default LocalDate lastClosedDay(java.time.Instant now) {
        LocalDate day = tradingDayOnOrBefore(now.atZone(zone()).toLocalDate());
        return session(day).orElseThrow().close().isAfter(now) ? tradingDayOnOrBefore(day.minusDays(1)) : day;
    }
}

package dev.barfill.core.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A market that never closes, such as crypto pairs: every calendar day is a trading day whose
 * session runs from 00:00 UTC to 00:00 UTC the next day, so a day holds 96 15m bars. Stateless,
 * thread-safe and valid for any date.
 */
public final class AlwaysOpenCalendar implements ExchangeCalendar {
    public static final String ID = "24x7";

    @Override
    public String id() {
        return ID;
    }

    /** UTC: a trading day is a UTC date, so days never shrink or stretch with daylight saving. */
    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        return Optional.of(new Session(day, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), false));
    }

    @Override
    public boolean isTradingDay(LocalDate day) {
        return true;
    }

    @Override
    public String toString() {
        return ID;
    }
}

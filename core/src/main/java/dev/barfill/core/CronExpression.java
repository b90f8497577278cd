package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Optional;

/**
 * A five-field cron expression (minute, hour, day of month, month, day of week; {@code *},
 * {@code a-b}, {@code a,b}, {@code * /n} and {@code a-b/n}; Sunday is 0 or 7), read in a time zone.
 * As in cron, when both day fields are restricted a day matching either one matches. Pure.
 */
public final class CronExpression {
    /** How far back {@link #latestAtOrBefore} looks: a year and a bit covers every valid expression. */
    private static final int MAX_DAYS_BACK = 400;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text, String[] f) {
        this.text = text;
        minutes = field(f[0], 0, 59, "minute");
        hours = field(f[1], 0, 23, "hour");
        daysOfMonth = field(f[2], 1, 31, "day of month");
        months = field(f[3], 1, 12, "month");
        daysOfWeek = field(f[4], 0, 7, "day of week");
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        anyDayOfMonth = f[2].equals("*");
        anyDayOfWeek = f[4].equals("*");
    }

    /** @throws IllegalArgumentException naming the bad field */
    public static CronExpression parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        String[] f = text.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("cron '" + text + "' must have 5 fields (minute hour day-of-month month"
                    + " day-of-week), got " + f.length);
        }
        return new CronExpression(text.trim(), f);
    }

    /** The latest minute at or before {@code now}, in {@code zone}, that the expression names. */
    public Optional<Instant> latestAtOrBefore(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int back = 0; back <= MAX_DAYS_BACK; back++, day = day.minusDays(1)) {
            if (!matchesDay(day)) {
                continue;
            }
            int limit = back == 0 ? local.getHour() * 60 + local.getMinute() : 24 * 60 - 1;
            for (int m = limit; m >= 0; m--) {
                if (hours.get(m / 60) && minutes.get(m % 60)) {
                    Instant at = day.atTime(LocalTime.of(m / 60, m % 60)).atZone(zone).toInstant();
                    if (!at.isAfter(now)) {
                        return Optional.of(at);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean matchesDay(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static BitSet field(String spec, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            try {
                String range = part;
                int step = 1;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    range = part.substring(0, slash);
                    step = Integer.parseInt(part.substring(slash + 1));
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                    to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
                } else {
                    from = Integer.parseInt(range);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to || step < 1) {
                    throw new IllegalArgumentException();
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron " + name + " field '" + spec + "' is not valid: use *, a-b,"
                        + " a,b or */n within " + min + "-" + max);
            }
        }
        return bits;
    }

    @Override
    public String toString() {
        return text;
    }
}

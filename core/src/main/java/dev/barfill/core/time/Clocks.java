package dev.barfill.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The one clock of a barfill process. Every role reads time from the {@link Clock} it is given,
 * never from {@code Instant.now()}; the process builds that clock here. {@code BARFILL_CLOCK_OFFSET}
 * (environment) or {@code barfill.clock.offset} (system property, which wins) shifts it by an
 * ISO-8601 duration such as {@code P400D}: the way to prove that nothing depends on the day it
 * runs (CI runs the date-sensitive tests a second time 400 days ahead). Kafka record timestamps
 * and the broker keep real time: only the planner's "today", the history limits, settle and
 * retry times follow the shifted clock.
 */
public final class Clocks {
    public static final String PROPERTY = "barfill.clock.offset";
    public static final String ENVIRONMENT = "BARFILL_CLOCK_OFFSET";

    private Clocks() {
    }

    /** The system clock in UTC, shifted by the configured offset if one is set. */
    public static Clock fromEnvironment() {
        return shifted(Clock.systemUTC(), offset(System.getenv(), System.getProperty(PROPERTY)));
    }

    /** The configured offset: the system property if set, else the environment variable, else zero. */
    public static Duration offset(Map<String, String> env, String property) {
        String text = property != null && !property.isBlank() ? property : env.get(ENVIRONMENT);
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(PROPERTY + " / " + ENVIRONMENT + ": '" + text
                    + "' is not an ISO-8601 duration such as P400D or -PT6H", e);
        }
    }

    public static Clock shifted(Clock base, Duration offset) {
        return offset.isZero() ? base : Clock.offset(base, offset);
    }
}

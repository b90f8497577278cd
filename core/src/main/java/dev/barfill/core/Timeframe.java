package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A bar length. The code ({@code 15m}) is what users type and what is stored in the database. */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H4("4h", Duration.ofHours(4)),
    D1("1d", Duration.ofDays(1)),
    W1("1w", Duration.ofDays(7));

    private final String code;
    private final Duration length;

    Timeframe(String code, Duration length) {
        this.code = code;
        this.length = length;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public Duration length() {
        return length;
    }

    /** True for bars shorter than a day, which are aligned to the session open. */
    public boolean intraday() {
        return length.compareTo(Duration.ofDays(1)) < 0;
    }

    /** Parses a code such as {@code 15m}; the message of the exception lists the valid codes. */
    @JsonCreator
    public static Timeframe parse(String code) {
        for (Timeframe tf : values()) {
            if (tf.code.equals(code)) {
                return tf;
            }
        }
        throw new IllegalArgumentException("unknown timeframe '" + code + "', expected one of " + codes());
    }

    public static String codes() {
        return Arrays.stream(values()).map(Timeframe::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}

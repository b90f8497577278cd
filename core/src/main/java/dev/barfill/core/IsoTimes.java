package dev.barfill.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO-8601 forms barfill itself writes ({@code 2026-12-03T14:30:00.123Z},
 * {@code 2026-12-03}) without a {@link java.time.format.DateTimeFormatter}: every chunk event,
 * chunk and job carries several, and the formatter's general parser was a tenth of the planner's
 * CPU per event. Anything else (an offset, a number, a leap second, an impossible date) goes to
 * Jackson's own deserializer, so what is accepted and the errors given stay exactly Jackson's.
 */
public final class IsoTimes {
    private IsoTimes() {
    }

    /** Overrides the Java time module's instant and date readers; register it after that module. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("barfill-iso-times");
        module.addDeserializer(Instant.class, new InstantReader());
        module.addDeserializer(LocalDate.class, new DateReader());
        return module;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant, or null for any other text. */
    public static Instant instant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        LocalDate date = date(s.substring(0, 10));
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digitsEnd = n - 1;
            int count = digitsEnd - 20;
            if (s.charAt(19) != '.' || count < 1 || count > 9) {
                return null;
            }
            nanos = digits(s, 20, digitsEnd);
            if (nanos < 0) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        } else if (n != 20) {
            return null;
        }
        long seconds = date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** {@code yyyy-MM-dd} (a four-digit year) as a date, or null for any other text or an impossible date. */
    public static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 unless every character is an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = instant(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }

        @Override
        public Class<?> handledType() {
            return Instant.class;
        }
    }

    private static final class DateReader extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                LocalDate fast = date(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
        }

        @Override
        public Class<?> handledType() {
            return LocalDate.class;
        }
    }
}

package dev.barfill.planner.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * How the series state writes its instants: nanoseconds since the epoch as a JSON number. The
 * state is read and written for every chunk event, and parsing ISO-8601 text cost a third of the
 * planner's time; a number is read in a few nanoseconds. State written before, with ISO-8601
 * strings, still reads. Plan times need nanoseconds (a series' plan times grow by at least one);
 * a signed 64-bit count of them reaches the year 2262.
 */
public final class EpochInstant {
    private static final long NANOS = 1_000_000_000L;

    private EpochInstant() {
    }

    /** Nanoseconds since the epoch of {@code at}. */
    static long toNanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }

    /** Writes an instant as its nanoseconds since the epoch. */
    public static final class Writer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(toNanos(value));
        }
    }

    /** Reads nanoseconds since the epoch, or an ISO-8601 instant (state written before). */
    public static final class Reader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return fromNanos(p.getLongValue());
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                            "neither nanoseconds since the epoch nor an ISO-8601 instant");
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }

    /**
     * Reads a day key ({@code 2026-11-23}) without a {@link java.time.format.DateTimeFormatter}:
     * every flight of a series is keyed by its day, read on every event.
     */
    public static final class DayKeyReader extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key.length() == 10 && key.charAt(4) == '-' && key.charAt(7) == '-') {
                int year = digits(key, 0, 4);
                int month = digits(key, 5, 7);
                int day = digits(key, 8, 10);
                if (year >= 0 && month >= 0 && day >= 0) {
                    try {
                        return LocalDate.of(year, month, day);
                    } catch (java.time.DateTimeException e) {
                        return ctxt.handleWeirdKey(LocalDate.class, key, e.getMessage());
                    }
                }
            }
            try {
                return LocalDate.parse(key);
            } catch (DateTimeParseException e) {
                return ctxt.handleWeirdKey(LocalDate.class, key, "not a day (yyyy-MM-dd)");
            }
        }

        private static int digits(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}

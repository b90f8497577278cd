package dev.barfill.app.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to the types a config record holds: strings, numbers, booleans, durations ({@code 30s},
 * {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT30S}), paths, URIs, enums
 * (case-insensitive) and comma-separated lists of strings.
 */
final class SettingTypes {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private SettingTypes() {
    }

    /** @throws IllegalArgumentException with "must be ..., got '...'" for the caller to prefix with the key */
    static Object convert(String raw, Type type) {
        String s = raw.strip();
        Class<?> c = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        try {
            if (c == String.class) {
                return s;
            } else if (c == int.class || c == Integer.class) {
                return Integer.parseInt(s);
            } else if (c == long.class || c == Long.class) {
                return Long.parseLong(s);
            } else if (c == short.class || c == Short.class) {
                return Short.parseShort(s);
            } else if (c == double.class || c == Double.class) {
                return Double.parseDouble(s);
            } else if (c == boolean.class || c == Boolean.class) {
                return bool(s);
            } else if (c == Duration.class) {
                return duration(s);
            } else if (c == Path.class) {
                return Path.of(s);
            } else if (c == URI.class) {
                return URI.create(s);
            } else if (c.isEnum()) {
                return enumValue(c, s);
            } else if (c == List.class) {
                return s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + article(c) + ", got '" + s + "'");
        }
        throw new IllegalArgumentException("cannot be set from text (type " + c.getSimpleName() + ")");
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false, got '" + s + "'");
        };
    }

    static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be a duration like 500ms, 30s, 2m or PT30S, got '" + s + "'");
        }
    }

    private static Object enumValue(Class<?> c, String s) {
        for (Object constant : c.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(s.replace('-', '_'))) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.toString(c.getEnumConstants()).toLowerCase(Locale.ROOT)
                + ", got '" + s + "'");
    }

    private static String article(Class<?> c) {
        return c == double.class || c == Double.class ? "a number" : "an integer";
    }

    /** How a value is shown in the effective config. */
    static String show(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}

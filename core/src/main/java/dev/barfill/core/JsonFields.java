package dev.barfill.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Strict reading of request fields from a JSON tree: a field holds the JSON type it is documented
 * with or it is refused, naming the field in the user's terms ("a whole number", "a string"),
 * never a Java type. Jackson's own binding is lenient on purpose for our internal records
 * ({@code 123} becomes {@code "123"}, {@code 5.5} becomes {@code 5}), so requests from outside are
 * read here instead. A JSON {@code null} is the same as an absent field. Pure.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The body as a JSON object; anything else refuses the whole request, naming {@code body}. */
    public static JsonNode object(byte[] body, String what) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("body", "unreadable body");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object (a " + what + "), got "
                    + (root == null || root.isMissingNode() ? "nothing" : describe(root)));
        }
        return root;
    }

    /** A string field, or null when absent. */
    public static String text(JsonNode object, String field, String example, List<FieldError> errors) {
        JsonNode v = object.get(field);
        if (absent(v)) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be a string such as \"" + example + "\", got " + describe(v)));
            return null;
        }
        return v.textValue();
    }

    /** A whole-number field, or null when absent; {@code 5.0} is a whole number, {@code 5.5} and {@code true} are not. */
    public static Integer whole(JsonNode object, String field, List<FieldError> errors) {
        JsonNode v = object.get(field);
        if (absent(v)) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) v.doubleValue();
        }
        errors.add(new FieldError(field, "must be a whole number, got " + describe(v)));
        return null;
    }

    /** A JSON boolean, or null when absent; {@code "true"} and {@code 1} are not booleans. */
    public static Boolean bool(JsonNode object, String field, List<FieldError> errors) {
        JsonNode v = object.get(field);
        if (absent(v)) {
            return null;
        }
        if (!v.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false, got " + describe(v)));
            return null;
        }
        return v.booleanValue();
    }

    /** An ISO date ({@code 2026-11-02}), or null when absent. */
    public static LocalDate date(JsonNode object, String field, List<FieldError> errors) {
        String raw = text(object, field, "2026-11-02", errors);
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date such as \"2026-11-02\", got \"" + printable(raw) + "\""));
            return null;
        }
    }

    /** An ISO instant ({@code 2026-11-02T14:30:00Z}), or null when absent. */
    public static Instant instant(JsonNode object, String field, List<FieldError> errors) {
        String raw = text(object, field, "2026-11-02T14:30:00Z", errors);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a UTC time such as \"2026-11-02T14:30:00Z\", got \""
                    + printable(raw) + "\""));
            return null;
        }
    }

    public static boolean absent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    /** A JSON value as a user would name it: "a number (123)", "true", "a list", "null". */
    public static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return "a number (" + v.asText() + ")";
        }
        if (v.isTextual()) {
            return "a string (\"" + printable(v.textValue()) + "\")";
        }
        if (v.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /** {@code s} with control characters shown as backslash-u escapes, so an error message stays one clean line. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

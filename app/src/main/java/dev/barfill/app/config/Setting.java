package dev.barfill.app.config;

import java.util.regex.Pattern;

/**
 * One effective setting and where it came from. {@link #toString()} masks secrets, so a setting
 * can be logged as it is.
 */
public record Setting(String key, String value, Source source) {
    private static final Pattern SECRET = Pattern.compile(".*(password|secret|token|api-key|credentials|api\\.keys|jaas|user\\.info).*");

    /** Where a value came from, lowest precedence first. */
    public enum Source { DEFAULT, FILE, ENV, FLAG }

    /** Keys whose values never appear in logs: passwords, secrets, tokens, API keys. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(java.util.Locale.ROOT)).matches();
    }

    /** The value as it may be logged. */
    public String shown() {
        if (value == null) {
            return "";
        }
        return isSecret(key) && !value.isEmpty() ? "****" : value;
    }

    @Override
    public String toString() {
        return key + "=" + shown() + " (" + source.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}

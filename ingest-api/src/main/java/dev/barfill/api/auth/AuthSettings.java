package dev.barfill.api.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may call the API and how often.
 *
 * @param keys              accepted API keys; none means authentication is off and every route is open
 * @param readsOpen         whether GET routes answer without a key when keys exist (default false)
 * @param requestsPerSecond sustained rate allowed per key, or per client IP without a key (default 50)
 * @param burst             requests allowed at once above the sustained rate (default 100)
 */
public record AuthSettings(List<ApiKey> keys, boolean readsOpen, double requestsPerSecond, int burst) {
    public static final String KEYS_ENV = "BARFILL_API_KEYS";
    public static final String READS_OPEN_ENV = "BARFILL_API_READS_OPEN";
    public static final String RATE_ENV = "BARFILL_API_RATE_LIMIT";
    public static final String BURST_ENV = "BARFILL_API_RATE_BURST";

    public AuthSettings {
        keys = List.copyOf(keys);
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("api.rate-limit must be above 0 requests per second, got "
                    + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("api.rate-burst must be at least 1, got " + burst);
        }
        if (keys.stream().map(ApiKey::name).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("api keys must have distinct names");
        }
    }

    /**
     * No keys, everything open; a guard of 1,000 requests a second per client IP with bursts of
     * 2,000, high enough for dashboards, scripts and load tests on one machine.
     */
    public static AuthSettings open() {
        return new AuthSettings(List.of(), true, 1_000, 2_000);
    }

    /** With keys: 50 requests a second per key with bursts of 100, unless configured. */
    public static AuthSettings keyed(List<ApiKey> keys, boolean readsOpen) {
        return new AuthSettings(keys, readsOpen, 50, 100);
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** Reads {@value #KEYS_ENV}, {@value #READS_OPEN_ENV}, {@value #RATE_ENV} and {@value #BURST_ENV}. */
    public static AuthSettings fromEnvironment(Map<String, String> env) {
        List<ApiKey> keys = parseKeys(env.getOrDefault(KEYS_ENV, ""));
        AuthSettings d = keys.isEmpty() ? open() : keyed(keys, false);
        String readsOpen = env.get(READS_OPEN_ENV);
        if (readsOpen != null && !readsOpen.matches("(?i)true|false")) {
            throw new IllegalArgumentException(READS_OPEN_ENV + " must be true or false, got '" + readsOpen + "'");
        }
        return new AuthSettings(keys, keys.isEmpty() || Boolean.parseBoolean(readsOpen),
                number(env, RATE_ENV, d.requestsPerSecond()), (int) number(env, BURST_ENV, d.burst()));
    }

    /**
     * Parses {@code name:secret:read|write,...}. Errors name the entry by position and name,
     * never by its secret.
     */
    public static List<ApiKey> parseKeys(String spec) {
        List<ApiKey> keys = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return keys;
        }
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].trim().split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("api.keys (" + KEYS_ENV + ") entry " + (i + 1)
                        + " must be name:secret:scopes (scopes read, write, admin or read|write)");
            }
            Set<ApiKey.Scope> scopes = EnumSet.noneOf(ApiKey.Scope.class);
            for (String scope : parts[2].split("\\|")) {
                try {
                    scopes.add(ApiKey.Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(KEYS_ENV + " entry " + (i + 1) + " (" + parts[0]
                            + "): unknown scope '" + scope + "', expected read, write or admin");
                }
            }
            keys.add(new ApiKey(parts[0].trim(), parts[1], scopes));
        }
        return keys;
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + raw + "'");
        }
    }
}

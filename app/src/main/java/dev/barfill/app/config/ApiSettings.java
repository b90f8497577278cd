package dev.barfill.app.config;

import dev.barfill.api.ApiConfig;
import dev.barfill.api.auth.AuthSettings;
import java.time.Duration;

/**
 * The API role's settings as flat keys ({@code api.keys}, {@code api.reads-open},
 * {@code api.rate-limit}, {@code api.host}, ...), turned into the API's own {@link ApiConfig}. Like
 * every setting they come from the file, {@code BARFILL_*} variables or {@code --set}, so
 * {@code BARFILL_API_KEYS} is {@code api.keys} and {@code BARFILL_API_KEYS_FILE} (or
 * {@code api.keys-file}) reads the keys from a mounted secret.
 *
 * @param keys      {@code name:secret:read|write,...}; none means the API is open (secret, masked in logs)
 * @param readsOpen whether reads need no key when keys are set (default false; always true without keys)
 * @param rateLimit requests a second per key, or per client IP without one (default 50 with keys, 1000 without)
 * @param rateBurst requests allowed at once above the rate (default 100 with keys, 2000 without)
 * @param host      address to bind (default 0.0.0.0); a role open beyond loopback without keys warns at start
 * @param defaultWindows default window per timeframe in trading days ({@code 15m=30,1h=90}); see {@link ApiConfig}
 */
public record ApiSettings(int port, String host, int maxWindowDays, Duration produceTimeout, int maxBars,
                          int maxBulkSymbols, Duration sseJobWait, String keys, Boolean readsOpen, Double rateLimit,
                          Integer rateBurst, String defaultWindows) {

    static ApiSettings defaults(int port) {
        ApiConfig d = ApiConfig.defaults(port);
        return new ApiSettings(d.port(), d.host(), d.maxWindowDays(), d.produceTimeout(), d.maxBars(),
                d.maxBulkSymbols(), d.sseJobWait(), null, null, null, null, d.defaultWindows());
    }

    public ApiConfig toConfig() {
        var parsed = AuthSettings.parseKeys(keys);
        AuthSettings base = parsed.isEmpty() ? AuthSettings.open() : AuthSettings.keyed(parsed, false);
        AuthSettings auth = new AuthSettings(parsed, parsed.isEmpty() || Boolean.TRUE.equals(readsOpen),
                rateLimit == null ? base.requestsPerSecond() : rateLimit,
                rateBurst == null ? base.burst() : rateBurst);
        return new ApiConfig(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, host,
                defaultWindows);
    }
}

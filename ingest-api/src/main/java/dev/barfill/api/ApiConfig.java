package dev.barfill.api;

import java.time.Duration;

/**
 * Settings of the API role.
 *
 * @param port           HTTP port; 0 picks a free one (tests)
 * @param maxWindowDays  longest accepted window in calendar days (default 3660)
 * @param produceTimeout how long a request waits for Kafka to acknowledge its record (default 10 s)
 * @param maxBars        most bars one {@code GET /v1/bars} returns (default 100 000)
 */
public record ApiConfig(int port, int maxWindowDays, Duration produceTimeout, int maxBars) {

    public ApiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("api.port must be 0-65535, got " + port);
        }
        if (maxWindowDays < 1) {
            throw new IllegalArgumentException("api.max-window-days must be at least 1, got " + maxWindowDays);
        }
        if (maxBars < 1) {
            throw new IllegalArgumentException("api.max-bars must be at least 1, got " + maxBars);
        }
    }

    public static ApiConfig defaults(int port) {
        return new ApiConfig(port, 3660, Duration.ofSeconds(10), 100_000);
    }
}

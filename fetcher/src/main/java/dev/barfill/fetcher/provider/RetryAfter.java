package dev.barfill.fetcher.provider;

import java.time.Duration;

/** Parses the {@code Retry-After} header in its delta-seconds form; dates are ignored. */
final class RetryAfter {
    private RetryAfter() {
    }

    static Duration parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.barfill.core.kafka;

import java.time.Duration;

/** Capped exponential backoff: {@code min}, doubled per failure, never above {@code max}. */
public record Backoff(Duration min, Duration max) {

    /** 200 ms doubling up to 10 s: what a consumer loop waits between failed attempts by default. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** The wait after the {@code failures}-th consecutive failure (1 for the first). */
    public Duration after(long failures) {
        long shift = Math.min(Math.max(failures - 1, 0), 20);
        long millis = min.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}

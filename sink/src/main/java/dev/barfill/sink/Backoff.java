package dev.barfill.sink;

import java.time.Duration;

/** Capped exponential backoff: {@code min}, doubled per failure, never above {@code max}. */
record Backoff(Duration min, Duration max) {

    /** The wait after the {@code failures}-th consecutive failure (1 for the first). */
    Duration after(long failures) {
        long shift = Math.min(Math.max(failures - 1, 0), 20);
        long millis = min.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}

package dev.barfill.planner.plan;

import java.time.Duration;

/**
 * Exponential delays between lookups of a parked request: {@code first}, then doubled after each
 * failure up to {@code max}. Pure; no jitter, since one planner task retries one lookup at a time.
 */
public record RetryDelays(Duration first, Duration max) {

    public RetryDelays {
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("the first retry delay must be positive, got " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("the longest retry delay " + max + " is shorter than the first " + first);
        }
    }

    /** The delay after the {@code attempts}-th failed lookup (1 for the first). */
    public Duration after(int attempts) {
        Duration d = first;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}

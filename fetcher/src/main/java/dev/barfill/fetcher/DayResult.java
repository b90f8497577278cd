package dev.barfill.fetcher;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import java.time.Duration;

/** The outcome of fetching one chunk. */
public sealed interface DayResult {

    ChunkTask task();

    /** Bars to write; may be fewer than expected (the day is then marked incomplete). */
    record Bars(ChunkTask task, DayBars day) implements DayResult {
    }

    /** The provider answered, but the day holds no bar: reported failed, not dead-lettered. */
    record NoData(ChunkTask task, String provider, String reason) implements DayResult {
    }

    /** No provider can deliver the day, now or later: dead-lettered and reported failed. */
    record Failed(ChunkTask task, String provider, String reason) implements DayResult {
    }

    /**
     * Not tried: the provider holds requests until {@code until}. The day waits in a retry tier
     * without spending an attempt, since the provider was not asked.
     *
     * @param tripped the provider whose circuit breaker is open, when that is why; null for a hold
     */
    record Deferred(ChunkTask task, String provider, String reason, java.time.Instant until, String tripped)
            implements DayResult {
        /** A provider's hold (its Retry-After), no tripped breaker. */
        Deferred(ChunkTask task, String provider, String reason, java.time.Instant until) {
            this(task, provider, reason, until, null);
        }
    }

    /** Worth another attempt later; {@code retryAfter} is the provider's own wait, or null. */
    record Retryable(ChunkTask task, String provider, String reason, Duration retryAfter) implements DayResult {
    }
}

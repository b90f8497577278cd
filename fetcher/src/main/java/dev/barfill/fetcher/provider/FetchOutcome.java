package dev.barfill.fetcher.provider;

import dev.barfill.core.Bar;
import java.time.Duration;
import java.util.List;

/** What a provider answered. Expected failures are values; only bugs are thrown. */
public sealed interface FetchOutcome {

    /** The bars the provider returned, in its own order, not yet validated. */
    record Fetched(List<Bar> bars) implements FetchOutcome {
        public Fetched {
            bars = List.copyOf(bars);
        }
    }

    /** Worth another try later: rate limited, overloaded, timed out, connection lost. */
    record Transient(String reason, Duration retryAfter) implements FetchOutcome {
    }

    /**
     * Not asked at all: the provider holds requests (after a 429's {@code Retry-After}, say) for
     * {@code wait} more, longer than a consumer may block; the day is to be tried after it.
     */
    record Held(String reason, Duration holdLeft) implements FetchOutcome {
    }

    /** Will fail again the same way: unknown symbol, range refused, malformed answer. */
    record Permanent(String reason) implements FetchOutcome {
    }
}

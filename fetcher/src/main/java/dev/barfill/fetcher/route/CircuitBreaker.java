package dev.barfill.fetcher.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-provider circuit breaker for a provider that keeps answering 429 without progress (Yahoo
 * has, for weeks at a time, refused every library client whatever its rate). After
 * {@link Settings#tripAfter()} consecutive 429s with no successful answer between them the
 * provider is tripped for {@link Settings#coolDown()}: the router sends its days to the next
 * provider of the route meanwhile, or parks them until the cool-down ends. After the cool-down
 * requests go through again, but one more 429 before a success trips it at once (half-open).
 * Thread-safe; pure apart from the clock.
 */
public final class CircuitBreaker {

    /**
     * @param tripAfter consecutive 429 answers that trip the provider (default 5)
     * @param coolDown  how long a tripped provider is left alone (default 10 min)
     */
    public record Settings(int tripAfter, Duration coolDown) {
        public static final int DEFAULT_TRIP_AFTER = 5;
        public static final Duration DEFAULT_COOL_DOWN = Duration.ofMinutes(10);

        public Settings {
            if (tripAfter < 1) {
                throw new IllegalArgumentException("fetcher.breaker-trip-after must be at least 1, got " + tripAfter);
            }
            if (coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
                throw new IllegalArgumentException("fetcher.breaker-cool-down must be positive, got " + coolDown);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_TRIP_AFTER, DEFAULT_COOL_DOWN);
        }
    }

    /** A tripped provider: which, why, and until when. */
    public record Trip(String provider, String reason, Instant until) {
        @Override
        public String toString() {
            return provider + " tripped until " + until + ": " + reason;
        }
    }

    private final String provider;
    private final Settings settings;
    private final Clock clock;
    private int consecutive429s;
    private Trip trip;

    public CircuitBreaker(String provider, Settings settings, Clock clock) {
        this.provider = provider;
        this.settings = settings;
        this.clock = clock;
    }

    /** A 429 answer, described by {@code reason}; trips the provider on the configured count. */
    public synchronized void rateLimited(String reason) {
        consecutive429s++;
        if (consecutive429s >= settings.tripAfter() && current().isEmpty()) {
            trip = new Trip(provider, "answered 429 to " + consecutive429s + " requests in a row without a"
                    + " successful answer (last: " + reason + ")", clock.instant().plus(settings.coolDown()));
        }
    }

    /** An answer that shows progress (bars, or a definite "no data"): closes the breaker. */
    public synchronized void succeeded() {
        consecutive429s = 0;
        trip = null;
    }

    /** The trip in force now, if any. */
    public synchronized Optional<Trip> current() {
        if (trip != null && !clock.instant().isBefore(trip.until())) {
            return Optional.empty();  // cooled down: half-open, the next 429 trips again
        }
        return Optional.ofNullable(trip);
    }
}

package dev.barfill.fetcher.route;

import dev.barfill.core.Series;
import dev.barfill.fetcher.provider.BarProvider;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One provider behind its rate limit, counted: every request waits for a token, a
 * {@code Retry-After} holds the whole provider, and each answer is counted in
 * {@code barfill.provider.requests} (tags provider, outcome) and timed in
 * {@code barfill.provider.latency}. The configured requests per minute are the whole cluster's:
 * {@link #share} gives this instance its part ({@link RateShare}), shown in
 * {@code barfill.provider.rate.share}.
 */
public final class ProviderRoute {
    /**
     * The longest a fetch waits inline for a provider's hold to end; a longer hold turns the fetch
     * into {@link FetchOutcome.Held} at once, so no consumer thread sits out a hold and misses
     * {@code max.poll.interval.ms}.
     */
    public static final Duration HOLD_WAIT_INLINE = Duration.ofSeconds(10);

    private final BarProvider provider;
    private final ProviderCapabilities capabilities;
    private final TokenBucket bucket;
    private final MeterRegistry registry;
    private final Timer latency;
    private volatile RateShare share;
    private final CircuitBreaker breaker;

    public ProviderRoute(BarProvider provider, ProviderCapabilities capabilities, TokenBucket bucket,
                         MeterRegistry registry) {
        this(provider, capabilities, bucket, registry,
                new CircuitBreaker(provider.name(), CircuitBreaker.Settings.defaults(), Clock.systemUTC()));
    }

    /**
     * @param breaker trips this provider after repeated 429s; its state is the gauge
     *                {@code barfill.provider.tripped} (tag provider; 1 while tripped)
     */
    public ProviderRoute(BarProvider provider, ProviderCapabilities capabilities, TokenBucket bucket,
                         MeterRegistry registry, CircuitBreaker breaker) {
        this.breaker = breaker;
        Gauge.builder("barfill.provider.tripped", breaker, b -> b.current().isPresent() ? 1 : 0)
                .tag("provider", provider.name())
                .description("1 while the provider's circuit breaker is open after repeated 429s")
                .register(registry);
        this.provider = provider;
        this.capabilities = capabilities;
        this.bucket = bucket;
        this.registry = registry;
        this.latency = Timer.builder("barfill.provider.latency").tag("provider", provider.name())
                .description("Time of one provider request").register(registry);
        this.share = RateShare.ofShare(capabilities.requestsPerMinute());
        registry.gauge("barfill.provider.rate.share", Tags.of("provider", provider.name()),
                this, r -> r.share.share());
    }

    /**
     * Takes this instance's part of the provider's limit for {@code assigned} of {@code total}
     * partitions, at once, for requests already waiting too.
     */
    public void share(int assigned, int total) {
        RateShare next = RateShare.of(capabilities.requestsPerMinute(), assigned, total);
        if (!next.equals(share)) {
            bucket.resize(next.refill(), next.burst());
            share = next;
        }
    }

    /** This instance's part of the provider's limit now. */
    public RateShare share() {
        return share;
    }

    public String name() {
        return provider.name();
    }

    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** The breaker's trip in force, if this provider is tripped now. */
    public Optional<CircuitBreaker.Trip> tripped() {
        return breaker.current();
    }

    /** Fetches {@code request}'s window at the interval this provider builds the timeframe from. */
    public FetchOutcome fetch(BarRequest request) throws InterruptedException {
        Series source = new Series(request.series().symbol(),
                capabilities.source(request.series().timeframe()).orElseThrow());
        Duration held = bucket.acquireUnlessHeld(HOLD_WAIT_INLINE);
        if (held != null) {
            count("held");
            return new FetchOutcome.Held(name() + " holds requests for " + held.toSeconds() + " s more", held);
        }
        long t0 = System.nanoTime();
        FetchOutcome outcome = provider.fetch(new BarRequest(source, request.start(), request.end()));
        latency.record(Duration.ofNanos(System.nanoTime() - t0));
        if (outcome instanceof FetchOutcome.Transient t && t.retryAfter() != null) {
            Duration capped = bucket.capped(t.retryAfter());
            bucket.holdFor(capped);
            if (!capped.equals(t.retryAfter())) {
                outcome = new FetchOutcome.Transient(t.reason() + " (asked to wait " + t.retryAfter().toSeconds()
                        + " s, capped to " + capped.toSeconds() + " s)", capped);
            }
        }
        if (rateLimited(outcome)) {
            breaker.rateLimited(((FetchOutcome.Transient) outcome).reason());
        } else if (outcome instanceof FetchOutcome.Fetched) {
            breaker.succeeded();
        }
        count(outcome(outcome));
        return outcome;
    }

    private void count(String outcome) {
        registry.counter("barfill.provider.requests", "provider", provider.name(), "outcome", outcome).increment();
    }

    static String outcome(FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Fetched f) {
            return f.bars().isEmpty() ? "empty" : "ok";
        }
        if (outcome instanceof FetchOutcome.Transient) {
            return rateLimited(outcome) ? "rate_limited" : "transient";
        }
        return "permanent";
    }

    /** A 429 answer (the provider's own rate limiting), as {@link dev.barfill.fetcher.provider.ProviderHttp} words it. */
    public static boolean rateLimited(FetchOutcome outcome) {
        return outcome instanceof FetchOutcome.Transient t && t.reason().contains("HTTP 429");
    }
}

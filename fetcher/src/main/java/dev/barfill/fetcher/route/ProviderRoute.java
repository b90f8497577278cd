package dev.barfill.fetcher.route;

import dev.barfill.core.Series;
import dev.barfill.fetcher.provider.BarProvider;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One provider behind its rate limit, counted: every request waits for a token, a
 * {@code Retry-After} holds the whole provider, and each answer is counted in
 * {@code barfill.provider.requests} (tags provider, outcome) and timed in
 * {@code barfill.provider.latency}.
 */
public final class ProviderRoute {
    private final BarProvider provider;
    private final ProviderCapabilities capabilities;
    private final TokenBucket bucket;
    private final MeterRegistry registry;
    private final Timer latency;

    public ProviderRoute(BarProvider provider, ProviderCapabilities capabilities, TokenBucket bucket,
                         MeterRegistry registry) {
        this.provider = provider;
        this.capabilities = capabilities;
        this.bucket = bucket;
        this.registry = registry;
        this.latency = Timer.builder("barfill.provider.latency").tag("provider", provider.name())
                .description("Time of one provider request").register(registry);
    }

    public String name() {
        return provider.name();
    }

    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** Fetches {@code request}'s window at the interval this provider builds the timeframe from. */
    public FetchOutcome fetch(BarRequest request) throws InterruptedException {
        Series source = new Series(request.series().symbol(),
                capabilities.source(request.series().timeframe()).orElseThrow());
        bucket.acquire();
        long t0 = System.nanoTime();
        FetchOutcome outcome = provider.fetch(new BarRequest(source, request.start(), request.end()));
        latency.record(Duration.ofNanos(System.nanoTime() - t0));
        if (outcome instanceof FetchOutcome.Transient t && t.retryAfter() != null) {
            bucket.holdFor(t.retryAfter());
        }
        registry.counter("barfill.provider.requests", "provider", provider.name(), "outcome", outcome(outcome))
                .increment();
        return outcome;
    }

    static String outcome(FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Fetched f) {
            return f.bars().isEmpty() ? "empty" : "ok";
        }
        if (outcome instanceof FetchOutcome.Transient t) {
            return t.reason().contains("HTTP 429") ? "rate_limited" : "transient";
        }
        return "permanent";
    }
}

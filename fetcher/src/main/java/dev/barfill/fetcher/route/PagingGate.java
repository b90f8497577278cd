package dev.barfill.fetcher.route;

import dev.barfill.fetcher.provider.ProviderHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The gate a paging adapter passes before each follow-up page: it takes a token from the
 * provider's bucket and counts the page in {@code barfill.provider.requests} (outcome
 * {@code next_page}), so the counter holds every HTTP request a job cost, pages included.
 */
public final class PagingGate implements ProviderHttp.PageGate {
    private final TokenBucket bucket;
    private final Counter pages;

    public PagingGate(String provider, TokenBucket bucket, MeterRegistry registry) {
        this.bucket = bucket;
        this.pages = registry.counter("barfill.provider.requests", "provider", provider, "outcome", "next_page");
    }

    @Override
    public void await() throws InterruptedException {
        Duration held = bucket.acquireUnlessHeld(ProviderRoute.HOLD_WAIT_INLINE);
        if (held != null) {
            throw new ProviderHttp.PageGate.Held(held);
        }
        pages.increment();
    }

    @Override
    public void holdFor(Duration wait) {
        bucket.holdFor(wait);
    }
}

package dev.barfill.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(0.5, 2, now::get);

    @Test
    void shouldAllowTheBurstThenAskTheClientToWaitForTheNextToken() {
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(2);
        now.addAndGet(2_000_000_000L);
        assertThat(limiter.tryAcquire("a")).isZero();
    }

    @Test
    void shouldKeepOneBucketPerClient() {
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        assertThat(limiter.tryAcquire("a")).isPositive();
        assertThat(limiter.tryAcquire("b")).isZero();
    }
}

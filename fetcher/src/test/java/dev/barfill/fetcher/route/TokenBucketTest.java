package dev.barfill.fetcher.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong clock = new AtomicLong();
    private final TokenBucket bucket = new TokenBucket(60, 3, clock::get);  // one a second, three saved

    @Test
    void shouldServeTheBurstAtOnceThenOneRequestPerInterval() {
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void shouldRefuseWithoutWaitingWhenEmpty() {
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryAcquire()).isTrue();
        }
        assertThat(bucket.tryAcquire()).isFalse();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(bucket.tryAcquire()).isTrue();
    }

    @Test
    void shouldHoldEveryCallerUntilTheProvidersRetryAfterPassed() {
        bucket.holdFor(Duration.ofSeconds(7));
        assertThat(bucket.tryAcquire()).isFalse();
        assertThat(bucket.reserve()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(7));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertThat(bucket.reserve()).isZero();
    }
}

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

    @Test
    void shouldCutAProviderHoldOfAnHourToTheLongestHoldAllowed() {
        TokenBucket capped = new TokenBucket(60, 3, Duration.ofMinutes(15), clock::get);
        capped.holdFor(Duration.ofHours(1));
        clock.addAndGet(TimeUnit.MINUTES.toNanos(15));
        assertThat(capped.tryAcquire()).isTrue();
        assertThat(capped.capped(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(15));
        assertThat(capped.capped(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldNotWaitOutAHoldLongerThanTheCallerMayBlockNorTakeAToken() throws InterruptedException {
        bucket.holdFor(Duration.ofMinutes(10));
        assertThat(bucket.acquireUnlessHeld(Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(10));
        clock.addAndGet(TimeUnit.MINUTES.toNanos(10));
        // The refused call took nothing: the whole burst is still there once the hold has passed.
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.acquireUnlessHeld(Duration.ofSeconds(10))).isNull();
        }
        assertThat(bucket.tryAcquire()).isFalse();
    }
}

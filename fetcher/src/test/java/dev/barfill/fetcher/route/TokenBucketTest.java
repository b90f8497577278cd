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

    @Test
    void shouldApplyASmallerRateAtOnceAndForgetTheDebtOfReservationsMadeUnderTheOldOne() {
        for (int i = 0; i < 6; i++) {
            bucket.reserve();  // three from the burst, three queued at one a second
        }
        bucket.resize(6, 1);  // one every ten seconds
        assertThat(bucket.perMinute()).isEqualTo(6.0);
        // The queued callers reserve again: the next token comes one new interval from now, not after the old queue.
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(10));
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void shouldNotCarryTokensSavedAtTheOldRateBeyondTheNewBurst() {
        clock.addAndGet(TimeUnit.MINUTES.toNanos(1));
        bucket.resize(60, 1);
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void shouldLetAWaiterWhoseReservationWasVoidedReserveAgainAtTheNewRate() throws Exception {
        TokenBucket real = new TokenBucket(600, 1, System::nanoTime);  // one per 100 ms
        real.acquire();
        Thread waiter = new Thread(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    real.acquire();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        waiter.start();
        real.resize(60, 1);  // one a second from now on
        waiter.join(10_000);
        // Three requests at one a second take about three seconds, not the 0.3 s reserved before the resize.
        assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1_800));
    }
}

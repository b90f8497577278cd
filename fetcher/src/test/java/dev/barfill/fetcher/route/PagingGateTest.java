package dev.barfill.fetcher.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.fetcher.provider.ProviderHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PagingGateTest {
    private final AtomicLong clock = new AtomicLong();
    private final TokenBucket bucket = new TokenBucket(600, 10, Duration.ofMinutes(15), clock::get);
    private final PagingGate gate = new PagingGate("polygon", bucket, new SimpleMeterRegistry());

    @Test
    void shouldStopPagingAtOnceWhenTheQuotaResetIsAnHourAwayInsteadOfBlockingTheCaller() {
        // X-RateLimit-Remaining: 0 with a reset an hour away: the hold is cut to 15 minutes ...
        gate.holdFor(Duration.ofHours(1));

        // ... and the next page is not waited for on the calling thread.
        assertThatThrownBy(gate::await).isInstanceOfSatisfying(ProviderHttp.PageGate.Held.class, held ->
                assertThat(held.waitLeft()).isEqualTo(Duration.ofMinutes(15)));
    }

    @Test
    void shouldLetTheNextPageThroughOnceTheHoldHasPassed() throws InterruptedException {
        gate.holdFor(Duration.ofMinutes(5));
        clock.addAndGet(TimeUnit.MINUTES.toNanos(5));
        gate.await();
    }
}

package dev.barfill.fetcher.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateShareTest {

    @Test
    void shouldGiveEachInstanceItsPartitionsPartOfTheClusterLimitNeverMoreInTotal() {
        assertThat(RateShare.of(600, 2, 6).share()).isEqualTo(200);
        assertThat(RateShare.of(600, 6, 6).share()).isEqualTo(600);
        // 7 partitions over 3 instances: 3 + 2 + 2, rounded down, at most the limit together.
        int total = RateShare.of(100, 3, 7).share() + 2 * RateShare.of(100, 2, 7).share();
        assertThat(total).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(98);
    }

    @Test
    void shouldNeverDropAShareToZero() {
        assertThat(RateShare.of(5, 1, 12).share()).isEqualTo(1);
        assertThat(RateShare.of(600, 0, 6).share()).isEqualTo(1);
        assertThat(RateShare.of(600, 0, 6).refill()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldTakeTheWholeLimitWhenThePartitionCountIsUnknown() {
        assertThat(RateShare.of(600, 0, 0).share()).isEqualTo(600);
    }

    @Test
    void shouldShapeTheBucketSoThatNoSlidingMinuteSeesMoreThanTheShare() {
        for (int share : new int[] {2, 60, 200, 600, 6000}) {
            RateShare shape = RateShare.ofShare(share);
            AtomicLong clock = new AtomicLong();
            TokenBucket bucket = new TokenBucket(shape.refill(), shape.burst(), clock::get);
            // A greedy caller for three minutes: every request is sent at the end of its wait.
            List<Long> sent = new ArrayList<>();
            long end = TimeUnit.MINUTES.toNanos(3);
            while (true) {
                long at = clock.get() + bucket.reserve();
                if (at > end) {
                    break;
                }
                sent.add(at);
                clock.set(at);
            }
            assertThat(maxInAnyMinute(sent)).as("share %d", share).isLessThanOrEqualTo(share)
                    .isGreaterThanOrEqualTo(share * 9 / 10);
        }
    }

    static int maxInAnyMinute(List<Long> times) {
        int max = 0;
        int from = 0;
        long minute = Duration.ofMinutes(1).toNanos();
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= minute) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}

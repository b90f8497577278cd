package dev.barfill.fetcher.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final ChunkTask FIRST = ChunkTask.first(
            new ChunkKey(Series.of("AAPL", Timeframe.M15), LocalDate.of(2026, 11, 24)), List.of("job-1"), NOW);
    private final RetryPolicy policy = new RetryPolicy(
            List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)), 0.2);

    @Test
    void shouldRouteAFirstTransientFailureToTierOneWithItsDelay() {
        RetryPolicy.Decision d = policy.onTransient(FIRST, "HTTP 503", null, NOW, () -> 0.5);
        assertThat(d).isInstanceOfSatisfying(RetryPolicy.Retry.class, r -> {
            assertThat(r.tier()).isEqualTo(1);
            assertThat(r.task().attempt()).isEqualTo(2);
            assertThat(r.task().notBefore()).isEqualTo(NOW.plusSeconds(5));
            assertThat(r.task().errors()).singleElement().asString().contains("attempt 1").contains("HTTP 503");
            assertThat(r.task().jobIds()).containsExactly("job-1");
        });
    }

    @Test
    void shouldSpreadTheDelayByTheJitterBothWays() {
        Instant early = policy.onTransient(FIRST, "x", null, NOW, () -> 0.0).task().notBefore();
        Instant late = policy.onTransient(FIRST, "x", null, NOW, () -> 0.999_999).task().notBefore();
        assertThat(early).isEqualTo(NOW.plusSeconds(4));
        assertThat(Duration.between(NOW, late)).isBetween(Duration.ofMillis(5_990), Duration.ofSeconds(6));
    }

    @Test
    void shouldWaitAtLeastWhatRetryAfterAsks() {
        RetryPolicy.Decision d = policy.onTransient(FIRST, "HTTP 429", Duration.ofSeconds(42), NOW, () -> 0.5);
        assertThat(d.task().notBefore()).isEqualTo(NOW.plusSeconds(42));
    }

    @Test
    void shouldClimbTheTiersAndDeadLetterAfterTheLast() {
        ChunkTask task = FIRST;
        for (int tier = 1; tier <= 3; tier++) {
            RetryPolicy.Decision d = policy.onTransient(task, "timeout " + tier, null, NOW, () -> 0.5);
            assertThat(d).isInstanceOfSatisfying(RetryPolicy.Retry.class, r -> assertThat(r.tier()).isEqualTo(
                    r.task().attempt() - 1));
            task = d.task();
        }
        assertThat(task.attempt()).isEqualTo(policy.maxAttempts());
        RetryPolicy.Decision last = policy.onTransient(task, "timeout 4", null, NOW, () -> 0.5);
        assertThat(last).isInstanceOfSatisfying(RetryPolicy.DeadLetter.class, dead -> {
            assertThat(dead.reason()).startsWith("gave up after 4 attempts").contains("timeout 4");
            assertThat(dead.task().errors()).hasSize(4);
            assertThat(dead.task().notBefore()).isNull();
        });
    }

    @Test
    void shouldDeadLetterAPermanentFailureAtOnce() {
        RetryPolicy.DeadLetter dead = policy.onPermanent(FIRST, "Not Found: symbol may be delisted", NOW);
        assertThat(dead.task().attempt()).isEqualTo(1);
        assertThat(dead.task().errors()).singleElement().asString().contains("delisted");
    }

    @Test
    void shouldRefuseAnEmptyOrNegativeTierList() {
        assertThatThrownBy(() -> new RetryPolicy(List.of(), 0.1)).hasMessageContaining("fetcher.retry-tiers");
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ofSeconds(-1)), 0.1))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ofSeconds(1)), 1.5))
                .hasMessageContaining("fetcher.retry-jitter");
    }

    @Test
    void shouldKeepAHeldChunkInItsTierWithItsAttemptAndErrorsUntilTheHoldEnds() {
        RetryPolicy.Retry fromMain = policy.onHold(FIRST, NOW.plusSeconds(900));
        assertThat(fromMain.tier()).isEqualTo(1);
        assertThat(fromMain.task().attempt()).isEqualTo(1);
        assertThat(fromMain.task().notBefore()).isEqualTo(NOW.plusSeconds(900));

        ChunkTask third = ((RetryPolicy.Retry) policy.onTransient(((RetryPolicy.Retry) policy.onTransient(FIRST, "a",
                null, NOW, () -> 0.5)).task(), "b", null, NOW, () -> 0.5)).task();
        RetryPolicy.Retry fromTierTwo = policy.onHold(third, NOW.plusSeconds(60));
        assertThat(fromTierTwo.tier()).isEqualTo(2);
        assertThat(fromTierTwo.task().attempt()).isEqualTo(3);
        assertThat(fromTierTwo.task().errors()).isEqualTo(third.errors());
    }

    @Test
    void shouldReadTheFirstFailureTimeFromTheErrorHistory() {
        ChunkTask second = policy.onTransient(FIRST, "HTTP 503", null, NOW, () -> 0.5).task();
        ChunkTask third = policy.onTransient(second, "HTTP 503", null, NOW.plusSeconds(5), () -> 0.5).task();
        assertThat(RetryPolicy.firstFailedAt(third)).isEqualTo(NOW);
        assertThat(RetryPolicy.firstFailedAt(FIRST)).isNull();
    }
}

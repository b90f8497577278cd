package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadPolicyTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T15:00:00Z"));
    private final StreamThreadPolicy policy = new StreamThreadPolicy(3, Duration.ofMinutes(10), clock);

    @Test
    void shouldReplaceADeadStreamThreadUntilThreadsKeepDyingThenShutTheClientDown() {
        assertThat(policy.onDeath()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.onDeath()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.onDeath()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.onDeath()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetDeathsOlderThanTheWindow() {
        policy.onDeath();
        policy.onDeath();
        policy.onDeath();
        clock.advance(Duration.ofMinutes(11));
        assertThat(policy.onDeath()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}

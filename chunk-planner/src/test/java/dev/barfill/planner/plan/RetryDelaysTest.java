package dev.barfill.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    @Test
    void shouldDoubleTheDelayAfterEachFailureUpToTheMaximum() {
        RetryDelays delays = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(delays.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delays.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delays.after(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(delays.after(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delays.after(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRefuseAMaximumShorterThanTheFirstDelay() {
        assertThatThrownBy(() -> new RetryDelays(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter than the first");
    }
}

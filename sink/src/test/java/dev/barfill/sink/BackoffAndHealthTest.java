package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.kafka.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffAndHealthTest {

    @Test
    void shouldDoubleTheWaitPerFailureUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        assertThat(b.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(b.after(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(b.after(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.after(500)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldReportDegradedWithTheLastErrorUntilABatchSucceeds() {
        Instant t0 = Instant.parse("2026-11-30T03:00:00Z");
        SinkHealth health = new SinkHealth(Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(health.current().status()).isEqualTo(SinkHealth.Status.UP);

        health.failed("08006 connection refused");
        health.failed("57P03 the database system is starting up");
        assertThat(health.up()).isFalse();
        assertThat(health.current().failures()).isEqualTo(2);
        assertThat(health.current().lastError()).isEqualTo("57P03 the database system is starting up");

        health.succeeded();
        assertThat(health.current().status()).isEqualTo(SinkHealth.Status.UP);
        assertThat(health.current().failures()).isZero();
        assertThat(health.current().lastError()).startsWith("57P03");
    }
}

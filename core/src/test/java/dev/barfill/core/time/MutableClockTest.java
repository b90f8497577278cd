package dev.barfill.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void shouldStandStillUntilMovedAndKeepItsTimeInAnotherZone() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);

        clock.advance(Duration.ofMinutes(10));
        assertThat(clock.millis()).isEqualTo(START.plus(Duration.ofMinutes(10)).toEpochMilli());
        assertThat(clock.withZone(ZoneId.of("America/New_York")).instant()).as("the same clock")
                .isEqualTo(START.plus(Duration.ofMinutes(10)));

        clock.set(START.minusSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(1));
    }
}

package dev.barfill.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClocksTest {
    @Test
    void shouldReadTheOffsetFromTheEnvironmentAndLetTheSystemPropertyWin() {
        assertThat(Clocks.offset(Map.of(), null)).isZero();
        assertThat(Clocks.offset(Map.of(Clocks.ENVIRONMENT, "P400D"), null)).isEqualTo(Duration.ofDays(400));
        assertThat(Clocks.offset(Map.of(Clocks.ENVIRONMENT, "P400D"), "-PT6H")).isEqualTo(Duration.ofHours(-6));
    }

    @Test
    void shouldShiftTheClockByTheOffset() {
        Clock base = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
        assertThat(Clocks.shifted(base, Duration.ofDays(400)).instant()).isEqualTo(Instant.parse("2028-01-06T00:00:00Z"));
        assertThat(Clocks.shifted(base, Duration.ZERO)).isSameAs(base);
    }

    @Test
    void shouldNameTheSettingWhenTheOffsetIsNotADuration() {
        assertThatThrownBy(() -> Clocks.offset(Map.of(Clocks.ENVIRONMENT, "400 days"), null))
                .hasMessageContaining(Clocks.ENVIRONMENT).hasMessageContaining("'400 days'");
    }
}

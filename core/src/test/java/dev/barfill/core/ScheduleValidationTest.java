package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleValidationTest {
    private static final WindowSizes YAHOO = WindowSizes.standard(HistoryLimits.yahoo());

    private static Schedule schedule(String timeframe, int days) {
        return new Schedule("nightly", List.of("AAPL"), timeframe, days, 15, null);
    }

    @Test
    void shouldBoundAScheduleWindowByTheMaximumOfItsTimeframe() {
        assertThat(Schedule.validated(schedule("1m", 22), YAHOO).days()).isEqualTo(22);
        assertThatThrownBy(() -> Schedule.validated(schedule("1m", 23), YAHOO))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("days: must be 1-22 for 1m, got 23");
        assertThat(Schedule.validated(schedule("1d", 7600), YAHOO).days()).isEqualTo(7600);
    }
}

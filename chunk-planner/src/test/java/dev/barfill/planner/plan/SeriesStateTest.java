package dev.barfill.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SeriesStateTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void shouldKeepTheFirstPlanTimeOfAFlightWhenAnotherJobJoins() {
        SeriesState state = SeriesState.empty().withWaiter(DAY, "a", T0).withWaiter(DAY, "b", T0.plusSeconds(9));
        assertThat(state.flight(DAY)).hasValueSatisfying(f -> {
            assertThat(f.plannedAt()).isEqualTo(T0);
            assertThat(f.waiters()).containsExactly("a", "b");
        });
    }

    @Test
    void shouldLandADayOnlyWhenItsLastWaiterLeaves() {
        SeriesState state = SeriesState.empty().withWaiter(DAY, "a", T0).withWaiter(DAY, "b", T0);
        SeriesState oneLeft = state.withoutWaiter(DAY, "b");
        assertThat(oneLeft.waiters(DAY)).containsExactly("a");
        assertThat(oneLeft.withoutWaiter(DAY, "a").isInFlight(DAY)).isFalse();
        assertThat(oneLeft.withoutWaiter(DAY, "nobody")).isSameAs(oneLeft);
    }

    @Test
    void shouldHandOutStrictlyGrowingPlanTimesEvenWhenTheClockStandsStill() {
        SeriesState state = SeriesState.empty();
        Instant first = state.nextPlannedAt(T0);
        state = state.withWaiter(DAY, "a", first).without(DAY);
        Instant second = state.nextPlannedAt(T0);
        assertThat(first).isEqualTo(T0);
        assertThat(second).isAfter(first);
        assertThat(state.withWaiter(DAY, "b", second).nextPlannedAt(T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
    }
}

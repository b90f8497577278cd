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

    @Test
    void shouldReadStateWrittenBeforeFlightsHadDeadlines() throws Exception {
        String old = "{\"inFlight\":{\"2026-11-23\":{\"plannedAt\":\"2026-11-30T15:00:00Z\",\"waiters\":[\"a\"]}},"
                + "\"lastPlannedAt\":\"2026-11-30T15:00:00Z\"}";
        SeriesState state = dev.barfill.core.Json.mapper().readValue(old, SeriesState.class);
        assertThat(state.flight(DAY)).hasValueSatisfying(f -> {
            assertThat(f.deadline()).isNull();
            assertThat(f.replans()).isZero();
            assertThat(f.deadlineOr(java.time.Duration.ofHours(6))).isEqualTo(T0.plus(java.time.Duration.ofHours(6)));
        });
    }

    @Test
    void shouldKeepTheWaitersAndCountTheReplanWhenADayIsPlannedAgain() throws Exception {
        SeriesState state = SeriesState.empty().withWaiter(DAY, "a", T0, T0.plusSeconds(60))
                .withWaiter(DAY, "b", T0.plusSeconds(5), T0.plusSeconds(65));
        SeriesState again = state.replanned(DAY, T0.plusSeconds(70), T0.plusSeconds(130));
        SeriesState read = dev.barfill.core.Json.mapper().readValue(
                dev.barfill.core.Json.mapper().writeValueAsBytes(again), SeriesState.class);
        assertThat(read.flight(DAY)).hasValueSatisfying(f -> {
            assertThat(f.waiters()).containsExactly("a", "b");
            assertThat(f.plannedAt()).isEqualTo(T0.plusSeconds(70));
            assertThat(f.deadline()).isEqualTo(T0.plusSeconds(130));
            assertThat(f.replans()).isEqualTo(1);
        });
        assertThat(state.flight(DAY).orElseThrow().deadline()).isEqualTo(T0.plusSeconds(60));
        assertThat(read.nextPlannedAt(T0)).isAfter(T0.plusSeconds(70));
    }

    @Test
    void shouldStoreInstantsAsEpochNanosAndStillReadStateStoredWithIsoInstants() throws Exception {
        Instant planned = T0.plusNanos(1);
        SeriesState state = SeriesState.empty().withWaiter(DAY, "a", planned, T0.plusSeconds(60));
        String json = new String(dev.barfill.core.Json.mapper().writeValueAsBytes(state),
                java.nio.charset.StandardCharsets.UTF_8);
        long nanos = T0.getEpochSecond() * 1_000_000_000L + 1;
        assertThat(json).contains("\"plannedAt\":" + nanos).contains("\"lastPlannedAt\":" + nanos)
                .doesNotContain("2026-11-30T");
        SeriesState read = dev.barfill.core.Json.mapper().readValue(json, SeriesState.class);
        assertThat(read).isEqualTo(state);

        String iso = json.replace(Long.toString(nanos), "\"2026-11-30T15:00:00.000000001Z\"")
                .replace(Long.toString(nanos + 59_999_999_999L), "\"2026-11-30T15:01:00Z\"");
        assertThat(dev.barfill.core.Json.mapper().readValue(iso, SeriesState.class)).isEqualTo(state);
    }

    @Test
    void shouldNameTheFieldOfAStoredInstantThatIsNoInstant() {
        String bad = "{\"inFlight\":{},\"lastPlannedAt\":\"yesterday\"}";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dev.barfill.core.Json.mapper().readValue(bad, SeriesState.class))
                .hasMessageContaining("lastPlannedAt").hasMessageContaining("yesterday");
    }

    @Test
    void shouldNotKnowTheFailedDaysOfStateWrittenBeforeThemNorOfANewSeries() throws Exception {
        String old = "{\"inFlight\":{},\"lastPlannedAt\":\"2026-11-30T15:00:00Z\"}";
        SeriesState state = dev.barfill.core.Json.mapper().readValue(old, SeriesState.class);
        assertThat(state.failedDays()).isNull();
        assertThat(state.mayHaveFailed(DAY)).isTrue();
        assertThat(state.withFailed(java.util.List.of(DAY)).failedDays()).as("unknown stays unknown").isNull();
        assertThat(SeriesState.empty().mayHaveFailed(DAY)).isTrue();
    }

    @Test
    void shouldLookForADayOnlyWhenAJobMayHaveFailedItOnceTheFailedDaysAreKnown() throws Exception {
        SeriesState known = SeriesState.empty().withWaiter(DAY, "a", T0).withFailedDays(java.util.Set.of());
        assertThat(known.mayHaveFailed(DAY)).isFalse();
        SeriesState failed = known.withFailed(java.util.List.of(DAY.plusDays(1), DAY)).without(DAY);
        assertThat(failed.mayHaveFailed(DAY)).isTrue();
        assertThat(failed.mayHaveFailed(DAY.plusDays(2))).isFalse();
        SeriesState read = dev.barfill.core.Json.mapper().readValue(
                dev.barfill.core.Json.mapper().writeValueAsBytes(failed), SeriesState.class);
        assertThat(read).isEqualTo(failed);
        assertThat(read.failedDays()).containsExactly(DAY, DAY.plusDays(1));
    }
}

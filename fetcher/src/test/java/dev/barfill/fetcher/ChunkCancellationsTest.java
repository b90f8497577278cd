package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCancellationsTest {
    private static final ChunkKey MONDAY = new ChunkKey(Series.of("AAPL", Timeframe.M15), LocalDate.of(2026, 11, 23));
    private static final Instant PLANNED = Instant.parse("2026-11-30T15:00:00Z");

    private final ChunkCancellations cancellations = new ChunkCancellations();

    @Test
    void shouldSkipTheCancelledFlightOfADay() {
        cancellations.apply(MONDAY.key(), ChunkCancellation.of(MONDAY, PLANNED, PLANNED.plusSeconds(5)));
        assertThat(cancellations.cancels(ChunkTask.first(MONDAY, List.of("job"), PLANNED))).isTrue();
    }

    @Test
    void shouldFetchALaterPlanOfACancelledDay() {
        cancellations.apply(MONDAY.key(), ChunkCancellation.of(MONDAY, PLANNED, PLANNED.plusSeconds(5)));
        assertThat(cancellations.cancels(ChunkTask.first(MONDAY, List.of("job"), PLANNED.plusSeconds(60)))).isFalse();
    }

    @Test
    void shouldFetchOtherDaysAndForgetAMarkerOnATombstone() {
        cancellations.apply(MONDAY.key(), ChunkCancellation.of(MONDAY, PLANNED, PLANNED.plusSeconds(5)));
        ChunkKey tuesday = new ChunkKey(MONDAY.series(), MONDAY.day().plusDays(1));
        assertThat(cancellations.cancels(ChunkTask.first(tuesday, List.of("job"), PLANNED))).isFalse();
        cancellations.apply(MONDAY.key(), null);
        assertThat(cancellations.cancels(ChunkTask.first(MONDAY, List.of("job"), PLANNED))).isFalse();
        assertThat(cancellations.size()).isZero();
    }
}

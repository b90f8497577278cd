package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.kafka.JsonSerde;
import dev.barfill.planner.plan.SeriesState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DecodedValuesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");

    private final JsonSerde<SeriesState> json = new JsonSerde<>(SeriesState.class);

    @Test
    void shouldHandBackTheValueItWroteForTheSameBytesAndDecodeOtherBytes() {
        DecodedValues<SeriesState> values = new DecodedValues<>(json, "series-state", 8);
        SeriesState state = SeriesState.empty().withWaiter(DAY, "a", T0, T0.plusSeconds(60));
        byte[] stored = values.serialize("t", state);

        assertThat(values.deserialize("t", stored.clone())).isSameAs(state);
        SeriesState other = state.withWaiter(DAY, "b", T0);
        byte[] written = json.serialize("t", other);
        SeriesState read = values.deserialize("t", written);
        assertThat(read).isEqualTo(other).isNotSameAs(other);
        assertThat(values.deserialize("t", written)).isSameAs(read);
        assertThat(values.deserialize("t", null)).isNull();
    }

    @Test
    void shouldDecodeAgainOnceAValueLeftTheMemoryAndNeverShareItsBytes() {
        DecodedValues<SeriesState> values = new DecodedValues<>(json, "series-state", 1);
        SeriesState first = SeriesState.empty().withWaiter(DAY, "a", T0);
        byte[] firstBytes = values.serialize("t", first);
        values.serialize("t", first.withWaiter(DAY, "b", T0));

        SeriesState again = values.deserialize("t", firstBytes);
        assertThat(again).isEqualTo(first).isNotSameAs(first);

        byte[] once = values.serialize("t", again);
        byte[] twice = values.serialize("t", again);
        assertThat(twice).isEqualTo(once).isNotSameAs(once);
        twice[0] = 'x';
        assertThat(new String(values.serialize("t", again), StandardCharsets.UTF_8)).startsWith("{");
    }
}

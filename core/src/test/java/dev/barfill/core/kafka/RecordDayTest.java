package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordDayTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadTheSeriesAndDayOfARecordWhoseOtherFieldsAreBroken() {
        assertThat(RecordDay.read("AAPL:15m", utf8("{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"day\":\"2030-01-02\","
                + "\"bars\":\"not a list\"}"))).hasValueSatisfying(k -> assertThat(k.day().key()).isEqualTo("AAPL:15m:2030-01-02"));
    }

    @Test
    void shouldFallBackOnTheKeyForTheSeriesWhenTheValueNamesNone() {
        assertThat(RecordDay.read("MSFT:1h", utf8("{\"day\":\"2030-01-02\",\"symbol\":42}")))
                .hasValueSatisfying(k -> assertThat(k.day().key()).isEqualTo("MSFT:1h:2030-01-02"));
    }

    @Test
    void shouldGiveNothingWhenNoValidSeriesOrDayIsNamed() {
        assertThat(RecordDay.read("AAPL:15m", utf8("\u0000garbage"))).isEmpty();
        assertThat(RecordDay.read("AAPL:15m", utf8("{\"day\":\"yesterday\"}"))).isEmpty();
        assertThat(RecordDay.read("pois?:15m", utf8("{\"symbol\":\"pois?\",\"timeframe\":\"15m\",\"day\":\"2030-01-02\"}")))
                .isEmpty();
        assertThat(RecordDay.read(null, null)).isEmpty();
    }

    @Test
    void shouldCarryThePlannedAtOfTheRecordsFlightIntoItsFailedEvent() {
        RecordDay day = RecordDay.read("AAPL:15m", utf8("{\"symbol\":\"AAPL\",\"timeframe\":\"15m\","
                + "\"day\":\"2030-01-02\",\"plannedAt\":\"2030-01-02T21:05:00Z\",\"bars\":7}")).orElseThrow();

        dev.barfill.core.ChunkEvent event = day.failed("refused", java.time.Instant.parse("2030-01-02T22:00:00Z"));

        assertThat(event.plannedAt()).isEqualTo(java.time.Instant.parse("2030-01-02T21:05:00Z"));
        assertThat(event.belongsTo(java.time.Instant.parse("2030-01-02T21:05:00Z"))).isTrue();
        assertThat(event.belongsTo(java.time.Instant.parse("2030-01-02T23:00:00Z"))).isFalse();
        assertThat(RecordDay.read("AAPL:15m", utf8("{\"day\":\"2030-01-02\"}")).orElseThrow().plannedAt()).isNull();
    }
}

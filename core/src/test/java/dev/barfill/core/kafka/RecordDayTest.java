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
                + "\"bars\":\"not a list\"}"))).hasValueSatisfying(k -> assertThat(k.key()).isEqualTo("AAPL:15m:2030-01-02"));
    }

    @Test
    void shouldFallBackOnTheKeyForTheSeriesWhenTheValueNamesNone() {
        assertThat(RecordDay.read("MSFT:1h", utf8("{\"day\":\"2030-01-02\",\"symbol\":42}")))
                .hasValueSatisfying(k -> assertThat(k.key()).isEqualTo("MSFT:1h:2030-01-02"));
    }

    @Test
    void shouldGiveNothingWhenNoValidSeriesOrDayIsNamed() {
        assertThat(RecordDay.read("AAPL:15m", utf8("\u0000garbage"))).isEmpty();
        assertThat(RecordDay.read("AAPL:15m", utf8("{\"day\":\"yesterday\"}"))).isEmpty();
        assertThat(RecordDay.read("pois?:15m", utf8("{\"symbol\":\"pois?\",\"timeframe\":\"15m\",\"day\":\"2030-01-02\"}")))
                .isEmpty();
        assertThat(RecordDay.read(null, null)).isEmpty();
    }
}

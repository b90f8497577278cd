package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.Bar;
import dev.barfill.core.Json;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarsJsonWriterTest {
    private final ObjectMapper mapper = Json.mapper();

    @Test
    void shouldWritePricesThatReadBackAsTheSameDoubles() throws Exception {
        // Values whose shortest decimal form is tricky: binary fractions, long mantissas, tiny and huge.
        double[] prices = {0.1, 189.98999999999998, 123.456, 2.0E-3, 1.0E-7, 1.0E23, 4.35, 0.30000000000000004};
        Instant from = Instant.parse("2026-11-02T14:30:00Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BarsJsonWriter writer = new BarsJsonWriter(mapper, () -> out, "AAPL", "15m", from, from.plusSeconds(86_400));

        writer.open();
        for (int i = 0; i < prices.length; i++) {
            writer.accept(new Bar(from.plusSeconds(900L * i), prices[i], prices[i], prices[i], prices[i], 1_000 + i));
        }
        writer.finish(prices.length);

        JsonNode answer = mapper.readTree(out.toByteArray());
        assertThat(answer.path("count").asInt()).isEqualTo(prices.length);
        for (int i = 0; i < prices.length; i++) {
            JsonNode bar = answer.path("bars").get(i);
            assertThat(bar.path("open").doubleValue()).as("open of bar " + i).isEqualTo(prices[i]);
            assertThat(bar.path("close").doubleValue()).as("close of bar " + i).isEqualTo(prices[i]);
            assertThat(bar.path("volume").asLong()).isEqualTo(1_000 + i);
        }
    }
}

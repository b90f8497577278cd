package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimesTest {
    /** Jackson's own reading, without the fast path: what barfill's mapper must agree with. */
    private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new JavaTimeModule());

    record Stamped(Instant at, LocalDate day) {
    }

    @Test
    void readsWhatInstantToStringWritesForAnyInstantAndFraction() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_000_000_000L, 250_000_000_000L);  // years 0005 to 9892
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoTimes.instant(at.toString())).as(at.toString()).isEqualTo(at);
        }
    }

    @Test
    void readsFractionsOfAnyLength() {
        for (String s : List.of("2026-12-03T14:30:00.5Z", "2026-12-03T14:30:00.05Z", "2026-12-03T14:30:00.123456789Z",
                "2026-12-03T14:30:00.1234Z", "2024-02-29T23:59:59.999999999Z")) {
            assertThat(IsoTimes.instant(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void leavesEveryOtherFormToJackson() {
        for (String s : List.of("2026-12-03T14:30:00+01:00", "2026-12-03T14:30Z", "2026-12-03 14:30:00Z",
                "2026-12-03T14:30:00.Z", "2026-12-03T14:30:00.1234567890Z", "2026-12-03T24:00:00Z",
                "2026-12-03T23:59:60Z", "2026-02-30T10:00:00Z", "+12026-12-03T14:30:00Z", "2026-12-03t14:30:00z",
                " 2026-12-03T14:30:00Z", "")) {
            assertThat(IsoTimes.instant(s)).as(s).isNull();
        }
        for (String s : List.of("2026-2-03", "2026-02-30", "+2026-12-03", "20261203", "2026-12-0x")) {
            assertThat(IsoTimes.date(s)).as(s).isNull();
        }
    }

    @Test
    void barfillsMapperReadsAsJacksonDoes() throws Exception {
        for (String json : List.of(
                "{\"at\":\"2026-12-03T14:30:00Z\",\"day\":\"2026-12-03\"}",
                "{\"at\":\"2026-12-03T14:30:00.000123Z\",\"day\":\"2024-02-29\"}",
                "{\"at\":\"2026-12-03T15:30:00+01:00\",\"day\":\"2026-12-03\"}",
                "{\"at\":\" 2026-12-03T14:30:00Z \",\"day\":\"2026-12-03\"}",
                "{\"at\":1764772200.5,\"day\":[2026,12,3]}",
                "{\"at\":null,\"day\":null}")) {
            assertThat(Json.mapper().readValue(json, Stamped.class)).as(json)
                    .isEqualTo(PLAIN.readValue(json, Stamped.class));
        }
    }

    @Test
    void anImpossibleDateIsRefusedAsJacksonRefusesIt() {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"day\":\"2026-02-30\"}", Stamped.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("2026-02-30");
        assertThatThrownBy(() -> Json.mapper().readValue("{\"at\":\"2026-02-30T10:00:00Z\"}", Stamped.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("2026-02-30T10:00:00Z");
    }
}

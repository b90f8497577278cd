package dev.barfill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.Timeframe;
import dev.barfill.core.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FinalEventsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 4);
    private static final Instant AT = Instant.parse("2026-11-05T12:00:00Z");

    private static byte[] bytes(ChunkEvent event) {
        Topics topics = Topics.defaults();
        return topics.chunkEvents.valueSerde().serializer().serialize(topics.chunkEvents.name(), event);
    }

    private static ChunkEvent event(ChunkEventType type, int attempt) {
        return new ChunkEvent("AAPL", Timeframe.M15, DAY, type, type == ChunkEventType.WRITTEN ? 26 : 0, 0, "simulator",
                type == ChunkEventType.WRITTEN ? null : "HTTP 503", AT, AT, 26, true, attempt, null);
    }

    @Test
    void shouldCountWrittenAndFailedDaysButNotADayWaitingForAnotherAttempt() {
        FinalEvents finalEvents = new FinalEvents();

        assertThat(finalEvents.test(bytes(event(ChunkEventType.WRITTEN, 0)))).isTrue();
        assertThat(finalEvents.test(bytes(event(ChunkEventType.FAILED, 0)))).isTrue();
        assertThat(finalEvents.test(bytes(event(ChunkEventType.RETRYING, 2)))).isFalse();
        assertThat(finalEvents.test("not json".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}

package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestJson;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TopicTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final ChunkTask TASK = ChunkTask.first(new ChunkKey(Series.of("AAPL", Timeframe.M15),
            LocalDate.of(2026, 11, 27)), List.of("job-1"), Instant.parse("2026-11-30T15:00:00Z"));

    @Test
    void shouldWriteTheValueWithTheTopicsOwnSerdeSoItsConsumerReadsItBack() {
        ProducerRecord<String, byte[]> record = TOPICS.chunks.record("AAPL:15m", TASK);

        assertThat(record.topic()).isEqualTo("barfill.chunks");
        assertThat(record.key()).isEqualTo("AAPL:15m");
        assertThat(TOPICS.chunks.valueSerde().deserializer().deserialize(record.topic(), record.value())).isEqualTo(TASK);
    }

    @Test
    void shouldKeepANullValueATombstone() {
        assertThat(TOPICS.schedules.record("nightly", null).value()).isNull();
    }

    @Test
    void shouldCarryADeadLetterByteForByteWithItsHeaders() {
        byte[] raw = "{not json".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.REASON, "bad".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, byte[]> record = TOPICS.chunksDlq.rawRecord("AAPL:15m", raw, headers);

        assertThat(record.value()).isEqualTo(raw);
        assertThat(DeadLetters.text(record.headers(), DeadLetters.REASON)).isEqualTo("bad");
    }

    @Test
    void shouldWriteACoverageRequestThePlannersStrictReaderAccepts() {
        CoverageRequest request = CoverageRequest.ofDays("AAPL", "15m", 5);

        ProducerRecord<String, byte[]> record = TOPICS.coverageRequest("AAPL:15m", request);

        assertThat(record.topic()).isEqualTo(TOPICS.coverageRequests.name());
        assertThat(CoverageRequestJson.read(record.value())).isEqualTo(request);
    }
}

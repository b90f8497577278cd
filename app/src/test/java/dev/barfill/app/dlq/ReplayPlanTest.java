package dev.barfill.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {
    private static DlqRecord record(int partition, long offset, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("barfill.error.class", "java.io.IOException");
        headers.put("barfill.error.reason", "HTTP 500");
        headers.put("tenant", "blue");
        return new DlqRecord("barfill.chunks.dlq", partition, offset, Instant.EPOCH, key, headers, new byte[] {1, 2});
    }

    @Test
    void shouldSendAChunkBackToTheChunksTopicWithItsKeyValueAndOwnHeadersButNoErrorHeaders() {
        List<ReplayPlan.Replay> plan = ReplayPlan.select(List.of(record(0, 5, "AAPL:15m")), Set.of(), null);

        assertThat(plan).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("barfill.chunks");
            assertThat(r.key()).isEqualTo("AAPL:15m");
            assertThat(r.value()).containsExactly(1, 2);
            assertThat(r.headers()).containsOnlyKeys("tenant", "barfill.replayed-from")
                    .containsEntry("barfill.replayed-from", "barfill.chunks.dlq/0@5");
        });
    }

    @Test
    void shouldSelectByPositionOrByKey() {
        List<DlqRecord> dlq = List.of(record(0, 1, "A:1m"), record(0, 2, "B:1m"), record(1, 1, "A:1m"));

        assertThat(ReplayPlan.select(dlq, Set.of("0@2"), null)).extracting(ReplayPlan.Replay::key).containsExactly("B:1m");
        assertThat(ReplayPlan.select(dlq, Set.of(), "A:1m")).hasSize(2);
        assertThat(ReplayPlan.select(dlq, Set.of(), null)).hasSize(3);
    }

    @Test
    void shouldRefuseAPositionThatIsNotInTheDlq() {
        assertThatThrownBy(() -> ReplayPlan.select(List.of(record(0, 1, "A:1m")), Set.of("3@9"), null))
                .hasMessage("--offset 3@9: no such record in the dead-letter topic");
    }

    @Test
    void shouldRefuseToTreatAnOrdinaryTopicAsADlq() {
        assertThatThrownBy(() -> ReplayPlan.targetOf("barfill.chunks")).hasMessageContaining("not a dead-letter topic");
    }

    @Test
    void shouldStripEveryDeadLetterHeaderAndStartAChunkOverAtAttemptOneWithoutNotBefore() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("barfill.error.class", "RETRIES_EXHAUSTED");
        headers.put("barfill.source.topic", "barfill.chunks.retry-3");
        headers.put("barfill.attempt", "4");
        headers.put("barfill.not-before", "2030-01-01T00:00:00Z");
        headers.put("traceparent", "00-abc");
        byte[] chunk = ("{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"day\":\"2030-01-02\",\"jobIds\":[\"j\"],"
                + "\"attempt\":4,\"plannedAt\":\"2030-01-01T00:00:00Z\",\"notBefore\":\"2030-01-01T00:05:00Z\","
                + "\"errors\":[\"attempt 1 at 2030-01-01T00:00:01Z: HTTP 503\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DlqRecord dead = new DlqRecord("barfill.chunks.dlq", 0, 7, Instant.EPOCH, "AAPL:15m", headers, chunk);

        ReplayPlan.Replay replay = ReplayPlan.select(List.of(dead), Set.of(), null).get(0);

        assertThat(replay.headers()).containsOnlyKeys("traceparent", "barfill.replayed-from");
        dev.barfill.core.ChunkTask task = dev.barfill.core.Json.mapper().readValue(replay.value(), dev.barfill.core.ChunkTask.class);
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(task.notBefore()).isNull();
        assertThat(task.jobIds()).containsExactly("j");
        assertThat(task.day()).isEqualTo(java.time.LocalDate.of(2030, 1, 2));
    }

    @Test
    void shouldReplayARecordThatIsNotAChunkByteForByte() {
        byte[] raw = "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DlqRecord dead = new DlqRecord("barfill.coverage-requests.dlq", 0, 1, Instant.EPOCH, "X:1m", Map.of(), raw);

        assertThat(ReplayPlan.select(List.of(dead), Set.of(), null).get(0).value()).isEqualTo(raw);
    }
}

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
}

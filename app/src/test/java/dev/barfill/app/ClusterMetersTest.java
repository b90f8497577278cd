package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ClusterMetersTest {
    private static final TopicPartition CHUNKS_0 = new TopicPartition("barfill.chunks", 0);
    private static final TopicPartition CHUNKS_1 = new TopicPartition("barfill.chunks", 1);
    private static final TopicPartition DLQ_0 = new TopicPartition("barfill.chunks.dlq", 0);
    private static final TopicPartition DLQ_1 = new TopicPartition("barfill.chunks.dlq", 1);

    @Test
    void shouldSumWhatEachPartitionHasBeyondItsCommittedOffset() {
        assertThat(ClusterMeters.lag(Map.of(CHUNKS_0, 10L, CHUNKS_1, 4L), Map.of(CHUNKS_0, 15L, CHUNKS_1, 4L)))
                .isEqualTo(5);
    }

    @Test
    void shouldCountNoLagForAPartitionWithoutAnEndOrCommittedBeyondIt() {
        assertThat(ClusterMeters.lag(Map.of(CHUNKS_0, 10L, CHUNKS_1, 9L), Map.of(CHUNKS_1, 7L))).isZero();
    }

    @Test
    void shouldSumTheEndOffsetsOfTheWantedTopicsOnly() {
        assertThat(ClusterMeters.sumByTopic(Map.of(DLQ_0, 3L, DLQ_1, 2L, CHUNKS_0, 100L), Set.of("barfill.chunks.dlq")))
                .containsExactly(Map.entry("barfill.chunks.dlq", 5L));
    }
}

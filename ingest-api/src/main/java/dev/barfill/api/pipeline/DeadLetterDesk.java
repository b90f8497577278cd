package dev.barfill.api.pipeline;

import java.util.List;
import java.util.Set;

/**
 * The dead-letter topics as the pipeline page needs them: counts, the newest records, and replay
 * with the same rules as {@code barfill dlq replay}.
 */
public interface DeadLetterDesk {
    /** What a replay produced. */
    record Replayed(String topic, String replayedTo, int records) {
    }

    /** Every DLQ topic of the pipeline with its {@code newest} most recent records. */
    List<DeadLetterTopic> topics(int newest);

    /**
     * Produces the chosen records of {@code dlqTopic} back to the topic it dead-letters, without
     * the error headers.
     *
     * @param positions {@code partition@offset} of the records; empty means every record
     * @throws IllegalArgumentException for a topic that is not one of the pipeline's DLQs, or an
     *                                  unknown position
     */
    Replayed replay(String dlqTopic, Set<String> positions);
}

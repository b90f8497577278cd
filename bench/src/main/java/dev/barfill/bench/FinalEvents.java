package dev.barfill.bench;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Which {@code chunk-events} values are a day's outcome: WRITTEN and FAILED (and SKIPPED, which a
 * bench run never sends), the events that settle a day. A RETRYING event says a day waits for
 * another attempt, and a value that cannot be read is no outcome either. Pure.
 */
final class FinalEvents implements Predicate<byte[]> {
    // Built once: building the topics per record was half of the harness's sampling thread, beside the stack.
    private final Topic<String, ChunkEvent> topic = Topics.defaults().chunkEvents;
    private final Deserializer<ChunkEvent> events = topic.valueSerde().deserializer();

    @Override
    public boolean test(byte[] value) {
        try {
            ChunkEvent event = events.deserialize(topic.name(), value);
            return event != null && event.type() != null && event.type().settles();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}

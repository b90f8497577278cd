package dev.barfill.fetcher;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import dev.barfill.core.kafka.Topics;
import org.apache.kafka.common.serialization.Serializer;

/** One producer writes bars, chunk events and chunks (retry tiers, dead letters) and raw bytes; each value goes through its topic's own serde. */
final class RoutingSerializer implements Serializer<Object> {
    private final Topics topics;

    RoutingSerializer(Topics topics) {
        this.topics = topics;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data instanceof byte[] raw) {
            // A record dead-lettered exactly as it was read.
            return raw;
        }
        if (data instanceof DayBars bars) {
            return topics.bars.valueSerde().serializer().serialize(topic, bars);
        }
        if (data instanceof ChunkEvent event) {
            return topics.chunkEvents.valueSerde().serializer().serialize(topic, event);
        }
        if (data instanceof ChunkTask task) {
            return topics.chunks.valueSerde().serializer().serialize(topic, task);
        }
        throw new IllegalArgumentException("no serde for " + (data == null ? "null" : data.getClass()) + " on " + topic);
    }
}

package dev.barfill.core.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a topic is created: partitions and topic-level configs. */
public record TopicSpec(int partitions, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public static TopicSpec delete(int partitions, Duration retention) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "delete");
        c.put("retention.ms", Long.toString(retention.toMillis()));
        return new TopicSpec(partitions, c);
    }

    public static TopicSpec compact(int partitions) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "compact");
        c.put("min.compaction.lag.ms", Long.toString(Duration.ofMinutes(1).toMillis()));
        return new TopicSpec(partitions, c);
    }

    /** Compacted, and a key not rewritten for {@code retention} is dropped (markers that expire). */
    public static TopicSpec compactAndDelete(int partitions, Duration retention) {
        Map<String, String> c = new LinkedHashMap<>(compact(partitions).configs());
        c.put("cleanup.policy", "compact,delete");
        c.put("retention.ms", Long.toString(retention.toMillis()));
        return new TopicSpec(partitions, c);
    }

    /** Bars records hold a whole day of minute bars: let them be larger than the 1 MB default. */
    public TopicSpec withMaxMessageBytes(int bytes) {
        Map<String, String> c = new LinkedHashMap<>(configs);
        c.put("max.message.bytes", Integer.toString(bytes));
        return new TopicSpec(partitions, c);
    }
}

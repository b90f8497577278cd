package dev.barfill.sink;

import dev.barfill.core.config.KafkaSettings;

/**
 * Settings of the sink role.
 *
 * @param groupId        consumer group ({@code barfill-sink})
 * @param maxPollRecords days per poll, hence per transaction at most (default 200)
 */
public record SinkConfig(KafkaSettings kafka, String groupId, int maxPollRecords) {

    public SinkConfig {
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("sink.max-batch-days must be at least 1, got " + maxPollRecords);
        }
    }

    public static SinkConfig defaults(KafkaSettings kafka) {
        return new SinkConfig(kafka, "barfill-sink", 200);
    }
}

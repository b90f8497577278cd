package dev.barfill.planner;

import dev.barfill.core.config.KafkaSettings;
import java.nio.file.Path;

/**
 * Settings of the planner role.
 *
 * @param applicationId  Kafka Streams application id, also its consumer group ({@code barfill-planner})
 * @param stateDir       where RocksDB state lives; survives restarts
 * @param maxWindowDays  longest accepted window in calendar days (default 3660)
 * @param streamThreads  stream threads in this instance (default 1)
 */
public record PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                            int streamThreads) {

    public PlannerConfig {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("planner.application-id is required");
        }
        if (maxWindowDays < 1) {
            throw new IllegalArgumentException("planner.max-window-days must be at least 1, got " + maxWindowDays);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("planner.stream-threads must be at least 1, got " + streamThreads);
        }
    }

    public static PlannerConfig defaults(KafkaSettings kafka, Path stateDir) {
        return new PlannerConfig(kafka, "barfill-planner", stateDir, 3660, 1);
    }
}

package dev.barfill.planner;

import dev.barfill.core.HistoryLimits;
import dev.barfill.core.config.KafkaSettings;
import java.nio.file.Path;

/**
 * Settings of the planner role.
 *
 * @param applicationId  Kafka Streams application id, also its consumer group ({@code barfill-planner})
 * @param stateDir       where RocksDB state lives; survives restarts
 * @param maxWindowDays  longest accepted window in calendar days (default 3660)
 * @param streamThreads  stream threads in this instance (default 1)
 * @param historyLimits  how far back the provider serves each timeframe (default {@link HistoryLimits#yahoo()});
 *                       older days are reported unavailable, never planned
 */
public record PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                            int streamThreads, HistoryLimits historyLimits) {

    /** Settings with Yahoo's history limits. */
    public PlannerConfig(KafkaSettings kafka, String applicationId, Path stateDir, int maxWindowDays,
                         int streamThreads) {
        this(kafka, applicationId, stateDir, maxWindowDays, streamThreads, HistoryLimits.yahoo());
    }

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
        if (historyLimits == null) {
            throw new IllegalArgumentException("planner.history-limits is required (for example 1m=30d,15m=60d)");
        }
    }

    public static PlannerConfig defaults(KafkaSettings kafka, Path stateDir) {
        return new PlannerConfig(kafka, "barfill-planner", stateDir, 3660, 1);
    }
}

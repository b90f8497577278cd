package dev.barfill.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One trading day to fetch, on the {@code chunks} topic and its retry tiers.
 *
 * @param jobIds   the jobs waiting for this day when it was planned (informational: the planner
 *                 keeps the authoritative list, since jobs may join while the day is in flight)
 * @param attempt  1 for the first try, raised by each retry tier
 * @param notBefore earliest time a retry may run; null on the main topic
 * @param errors   the errors of earlier attempts, oldest first
 */
public record ChunkTask(
        String symbol,
        Timeframe timeframe,
        LocalDate day,
        List<String> jobIds,
        int attempt,
        Instant plannedAt,
        Instant notBefore,
        List<String> errors) {

    public ChunkTask {
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ChunkTask first(ChunkKey key, List<String> jobIds, Instant plannedAt) {
        return new ChunkTask(key.series().symbol().value(), key.series().timeframe(), key.day(),
                jobIds, 1, plannedAt, null, List.of());
    }

    public Series series() {
        return new Series(new Symbol(symbol), timeframe);
    }

    public ChunkKey chunkKey() {
        return new ChunkKey(series(), day);
    }
}

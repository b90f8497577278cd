package dev.barfill.fetcher.retry;

import dev.barfill.core.ChunkTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a failed chunk goes next. Attempt {@code n} (1 on the main topic) that fails transiently
 * goes to retry tier {@code n} with a not-before time of the tier's delay, spread by
 * {@code ±jitter}, and never earlier than the provider's {@code Retry-After}; after the last tier,
 * or on a permanent failure, it goes to the dead-letter topic. Pure: the clock and the random
 * source are arguments.
 *
 * @param tiers  delay of each retry tier, first tier first (default 5 s, 30 s, 5 min)
 * @param jitter share of the delay added or removed at random, 0 to 1 (default 0.2)
 */
public record RetryPolicy(List<Duration> tiers, double jitter) {
    /** How {@link #failed} stamps an error line: {@code attempt N at <instant>: reason}. */
    private static final Pattern ERROR_TIME = Pattern.compile("^attempt \\d+ at (\\S+): ");

    public RetryPolicy {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("fetcher.retry-tiers must name at least one delay");
        }
        if (tiers.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("fetcher.retry-tiers must be positive, got " + tiers);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("fetcher.retry-jitter must lie in [0, 1], got " + jitter);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)), 0.2);
    }

    /** What to do with a chunk. */
    public sealed interface Decision {
        /** The chunk as it must be written next: attempt raised, not-before set, error appended. */
        ChunkTask task();
    }

    /** Produce to retry tier {@code tier} (1-based). */
    public record Retry(int tier, ChunkTask task) implements Decision {
    }

    /** Produce to the dead-letter topic and report the day failed. */
    public record DeadLetter(ChunkTask task, String reason) implements Decision {
    }

    /**
     * @param retryAfter the provider's own wait, or null
     * @param random     uniform values in [0, 1)
     */
    public Decision onTransient(ChunkTask task, String error, Duration retryAfter, Instant now, DoubleSupplier random) {
        int tier = Math.max(1, task.attempt());
        if (tier > tiers.size()) {
            String reason = "gave up after " + task.attempt() + " attempts: " + error;
            return new DeadLetter(failed(task, error, now, task.attempt(), null), reason);
        }
        Duration delay = jittered(tiers.get(tier - 1), random.getAsDouble());
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        return new Retry(tier, failed(task, error, now, task.attempt() + 1, now.plus(delay)));
    }

    /** A failure that will not go away by waiting. */
    public DeadLetter onPermanent(ChunkTask task, String error, Instant now) {
        return new DeadLetter(failed(task, error, now, task.attempt(), null), error);
    }

    /**
     * The provider was not asked (it holds requests until {@code until}): the chunk waits in the
     * tier it came from (the first for the main topic) with the same attempt, so the hold spends none
     * of its budget.
     */
    public Retry onHold(ChunkTask task, Instant until) {
        int tier = Math.min(tiers.size(), Math.max(1, task.attempt() - 1));
        return new Retry(tier, new ChunkTask(task.symbol(), task.timeframe(), task.day(), task.jobIds(),
                task.attempt(), task.plannedAt(), until, task.errors()));
    }

    /** When the chunk first failed, read from its error history; null when it has none. */
    public static Instant firstFailedAt(ChunkTask task) {
        for (String error : task.errors()) {
            Matcher m = ERROR_TIME.matcher(error);
            if (m.find()) {
                try {
                    return Instant.parse(m.group(1));
                } catch (java.time.format.DateTimeParseException e) {
                    // an error line written by hand or by an older version: look further
                }
            }
        }
        return null;
    }

    /** Attempts a chunk gets in all: the first plus one per tier. */
    public int maxAttempts() {
        return tiers.size() + 1;
    }

    Duration jittered(Duration base, double random) {
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    private static ChunkTask failed(ChunkTask task, String error, Instant now, int attempt, Instant notBefore) {
        List<String> errors = new ArrayList<>(task.errors());
        errors.add("attempt " + task.attempt() + " at " + now + ": " + error);
        return new ChunkTask(task.symbol(), task.timeframe(), task.day(), task.jobIds(), attempt, task.plannedAt(),
                notBefore, errors);
    }
}

package dev.barfill.core.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How a loop batches and waits. Defaults: a batch is whatever one poll brought, no not-before
 * times, {@link Backoff#defaults()}, the system clock.
 *
 * @param weight    the weight of a record (rows of a day, say); a tombstone or undecodable record weighs 1
 * @param maxWeight handle as soon as the pending records weigh this much ...
 * @param maxDelay  ... or the oldest has waited this long (zero: handle every poll at once)
 * @param notBefore a record's earliest handling time, or null
 * @param assignments told of the partitions held after every rebalance (none by default)
 */
public record LoopOptions<V>(ToIntFunction<V> weight, int maxWeight, Duration maxDelay, Function<V, Instant> notBefore,
                             Backoff backoff, LoopHealth health, Clock clock, AssignmentListener assignments) {
    public static <V> LoopOptions<V> defaults() {
        return new LoopOptions<>(v -> 1, 1, Duration.ZERO, v -> null, Backoff.defaults(), LoopHealth.NONE,
                Clock.systemUTC(), AssignmentListener.NONE);
    }

    public LoopOptions<V> withAssignments(AssignmentListener newAssignments) {
        return new LoopOptions<>(weight, maxWeight, maxDelay, notBefore, backoff, health, clock, newAssignments);
    }

    public LoopOptions<V> withBatching(ToIntFunction<V> newWeight, int newMaxWeight, Duration newMaxDelay) {
        return new LoopOptions<>(newWeight, newMaxWeight, newMaxDelay, notBefore, backoff, health, clock, assignments);
    }

    public LoopOptions<V> withNotBefore(Function<V, Instant> newNotBefore, Clock newClock) {
        return new LoopOptions<>(weight, maxWeight, maxDelay, newNotBefore, backoff, health, newClock, assignments);
    }

    public LoopOptions<V> withBackoff(Backoff newBackoff) {
        return new LoopOptions<>(weight, maxWeight, maxDelay, notBefore, newBackoff, health, clock, assignments);
    }

    public LoopOptions<V> withHealth(LoopHealth newHealth) {
        return new LoopOptions<>(weight, maxWeight, maxDelay, notBefore, backoff, newHealth, clock, assignments);
    }
}

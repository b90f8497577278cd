package dev.barfill.sink;

import java.time.Clock;
import java.time.Instant;

/**
 * The sink's health as others (the API's health check) read it: {@code UP} while batches get
 * written, {@code DEGRADED} from the first failed write of a batch until one succeeds again.
 * Thread-safe; the last error stays visible after recovery.
 */
public final class SinkHealth {

    public enum Status { UP, DEGRADED }

    /**
     * @param since       when the sink entered {@code status}
     * @param lastError   the latest failure reason, or null if none ever happened
     * @param lastErrorAt when it happened, or null
     * @param failures    failed attempts since the last success
     */
    public record State(Status status, Instant since, String lastError, Instant lastErrorAt, long failures) {
    }

    private final Clock clock;
    private volatile State state;

    public SinkHealth(Clock clock) {
        this.clock = clock;
        this.state = new State(Status.UP, clock.instant(), null, null, 0);
    }

    public State current() {
        return state;
    }

    public boolean up() {
        return state.status() == Status.UP;
    }

    synchronized void failed(String reason) {
        State s = state;
        Instant now = clock.instant();
        state = new State(Status.DEGRADED, s.status() == Status.DEGRADED ? s.since() : now, reason, now,
                s.failures() + 1);
    }

    synchronized void succeeded() {
        State s = state;
        if (s.status() == Status.DEGRADED || s.failures() > 0) {
            state = new State(Status.UP, clock.instant(), s.lastError(), s.lastErrorAt(), 0);
        }
    }

    /** This health as the consumer loop reports to it, database errors described by SQLState. */
    dev.barfill.core.kafka.LoopHealth asLoopHealth() {
        return new dev.barfill.core.kafka.LoopHealth() {
            @Override
            public void succeeded() {
                SinkHealth.this.succeeded();
            }

            @Override
            public void failed(Exception e) {
                SinkHealth.this.failed(SqlErrors.describe(e));
            }
        };
    }
}

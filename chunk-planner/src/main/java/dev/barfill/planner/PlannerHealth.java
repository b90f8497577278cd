package dev.barfill.planner;

import java.time.Clock;
import java.time.Instant;

/**
 * The planner's health as readiness checks read it: {@code UP} while coverage lookups succeed,
 * {@code DEGRADED} from a failed lookup (requests are kept and retried) until one succeeds again.
 * Thread-safe: every stream thread reports here.
 */
public final class PlannerHealth {

    public enum Status { UP, DEGRADED }

    /**
     * @param since     when the planner entered {@code status}
     * @param lastError the latest lookup failure, or null if none ever happened
     * @param failures  failed lookups since the last success
     */
    public record State(Status status, Instant since, String lastError, long failures) {
    }

    private final Clock clock;
    private volatile State state;

    public PlannerHealth(Clock clock) {
        this.clock = clock;
        this.state = new State(Status.UP, clock.instant(), null, 0);
    }

    public State current() {
        return state;
    }

    synchronized void lookupFailed(String reason) {
        State s = state;
        state = new State(Status.DEGRADED, s.status() == Status.DEGRADED ? s.since() : clock.instant(), reason,
                s.failures() + 1);
    }

    synchronized void lookupSucceeded() {
        State s = state;
        if (s.status() == Status.DEGRADED) {
            state = new State(Status.UP, clock.instant(), s.lastError(), 0);
        }
    }
}

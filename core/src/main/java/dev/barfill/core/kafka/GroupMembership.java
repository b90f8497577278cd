package dev.barfill.core.kafka;

import java.time.Duration;

/**
 * Whether a consumer is a member of its group with an assignment, for readiness: set by the
 * loop's rebalance callbacks (an assignment, even of no partitions, means the member joined), lost
 * when the group drops the member or the loop ends. A short loss is tolerated for a grace, so
 * readiness does not flap on every rebalance. Thread-safe: read by the health endpoint's thread.
 */
public final class GroupMembership {
    private volatile boolean joined;
    private volatile boolean everJoined;
    private volatile long changedAtNanos = System.nanoTime();
    private volatile int partitions;

    void assigned(int assignedNow) {
        partitions = assignedNow;
        joined = true;
        everJoined = true;
        changedAtNanos = System.nanoTime();
    }

    void left() {
        if (joined) {
            joined = false;
            changedAtNanos = System.nanoTime();
        }
    }

    /** Partitions assigned at the last rebalance. */
    public int partitions() {
        return partitions;
    }

    /** A member now, or one that left less than {@code grace} ago. Never before the first assignment. */
    public boolean ready(Duration grace) {
        return joined || everJoined && System.nanoTime() - changedAtNanos < grace.toNanos();
    }

    /** For the readiness answer. */
    public String describe() {
        if (joined) {
            return partitions + " partition(s) assigned";
        }
        return everJoined ? "left its group " + Duration.ofNanos(System.nanoTime() - changedAtNanos).toSeconds() + " s ago"
                : "not yet assigned (waiting " + Duration.ofNanos(System.nanoTime() - changedAtNanos).toSeconds() + " s)";
    }
}

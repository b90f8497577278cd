package dev.barfill.fetcher.route;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perMinute} tokens a minute, at most {@code burst} saved up, and a hold
 * that stops every caller until a provider's {@code Retry-After} or rate-limit reset has passed.
 * Callers reserve in arrival order, so a queue of waiters is spread evenly over time instead of
 * waking all at once. {@link #resize} changes the rate at once for waiters too. Thread-safe.
 */
public final class TokenBucket {
    private double tokensPerNano;
    private double burst;
    private final LongSupplier nanoTime;
    private final long maxHoldNanos;
    private double tokens;
    private long last;
    private long heldUntil;
    /** Bumped by {@link #resize}: a waiter whose reservation predates it reserves again. */
    private long generation;

    /** Longest hold a provider may impose when none is configured. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(15);

    /** {@code burst} defaults to a tenth of a minute's allowance (at least 1) in {@link #perMinute}. */
    public TokenBucket(int perMinute, int burst, LongSupplier nanoTime) {
        this(perMinute, burst, DEFAULT_MAX_HOLD, nanoTime);
    }

    /** @param maxHold the longest hold a provider's answer may impose; longer ones are cut to it */
    public TokenBucket(int perMinute, int burst, Duration maxHold, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, got " + perMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        this.tokensPerNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.maxHoldNanos = maxHold.toNanos();
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
        this.heldUntil = last;
    }

    public static TokenBucket perMinute(int perMinute) {
        return perMinute(perMinute, DEFAULT_MAX_HOLD);
    }

    public static TokenBucket perMinute(int perMinute, Duration maxHold) {
        return new TokenBucket(perMinute, Math.max(1, perMinute / 10), maxHold, System::nanoTime);
    }

    /** {@code wait}, cut to the longest hold this bucket accepts. */
    public Duration capped(Duration wait) {
        return wait.toNanos() > maxHoldNanos ? Duration.ofNanos(maxHoldNanos) : wait;
    }

    /**
     * Like {@link #acquire()}, unless the provider's hold lasts longer than {@code maxWait}: then no
     * token is taken, nothing waits, and the hold still to run is returned, so the caller can hand
     * the work to a retry tier instead of blocking a consumer past its poll interval.
     *
     * @return null when a token was taken
     */
    public Duration acquireUnlessHeld(Duration maxWait) throws InterruptedException {
        while (true) {
            long wait;
            long reservedIn;
            synchronized (this) {
                long held = heldUntil - refill();
                if (held > maxWait.toNanos()) {
                    return Duration.ofNanos(held);
                }
                wait = reserve();
                reservedIn = generation;
            }
            if (wait <= 0 || slept(wait, reservedIn)) {
                return null;
            }
        }
    }

    /** Blocks until a request may be sent. */
    public void acquire() throws InterruptedException {
        while (true) {
            long wait;
            long reservedIn;
            synchronized (this) {
                wait = reserve();
                reservedIn = generation;
            }
            if (wait <= 0 || slept(wait, reservedIn)) {
                return;
            }
        }
    }

    /** Sleeps out a reservation; false when a resize voided it meanwhile and the caller must reserve again. */
    private boolean slept(long wait, long reservedIn) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(wait);
        synchronized (this) {
            return generation == reservedIn;
        }
    }

    /**
     * Changes the rate to {@code perMinute} with at most {@code burst} saved, from now on. Nothing
     * saved at the old rate is carried beyond the new burst, and reservations of waiting callers are
     * voided: they reserve again at the new rate, so a smaller share is never outrun by requests
     * queued under a larger one. A hold stays.
     */
    public synchronized void resize(int perMinute, int burst) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1, got " + perMinute + "/min, " + burst);
        }
        refill();
        this.tokensPerNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.burst = burst;
        tokens = Math.max(0, Math.min(tokens, burst));
        generation++;
    }

    /** Requests per minute this bucket allows now. */
    public synchronized double perMinute() {
        return tokensPerNano * TimeUnit.MINUTES.toNanos(1);
    }

    /** Takes a token if one is there now, without waiting; false when the caller must not send. */
    public synchronized boolean tryAcquire() {
        long now = refill();
        if (now - heldUntil < 0 || tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Nanoseconds the caller must wait before sending; the token is taken already. */
    synchronized long reserve() {
        long now = refill();
        tokens -= 1;
        long forToken = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
        return Math.max(forToken, heldUntil - now);
    }

    /** No request until {@code wait} (at most the bucket's longest hold) has passed, whatever tokens remain. */
    public synchronized void holdFor(Duration wait) {
        long now = refill();
        long until = now + Math.min(wait.toNanos(), maxHoldNanos);
        if (until - heldUntil > 0) {
            heldUntil = until;
        }
        tokens = Math.min(tokens, 0);
    }

    private long refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        return now;
    }
}

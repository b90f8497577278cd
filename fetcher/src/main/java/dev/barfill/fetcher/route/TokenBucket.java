package dev.barfill.fetcher.route;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perMinute} tokens a minute, at most {@code burst} saved up, and a hold
 * that stops every caller until a provider's {@code Retry-After} or rate-limit reset has passed.
 * Callers reserve in arrival order, so a queue of waiters is spread evenly over time instead of
 * waking all at once. Thread-safe.
 */
public final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    private long heldUntil;

    /** {@code burst} defaults to a tenth of a minute's allowance (at least 1) in {@link #perMinute}. */
    public TokenBucket(int perMinute, int burst, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, got " + perMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        this.tokensPerNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
        this.heldUntil = last;
    }

    public static TokenBucket perMinute(int perMinute) {
        return new TokenBucket(perMinute, Math.max(1, perMinute / 10), System::nanoTime);
    }

    /** Blocks until a request may be sent. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
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

    /** No request until {@code wait} has passed, whatever tokens remain: the provider asked for it. */
    public synchronized void holdFor(Duration wait) {
        long now = refill();
        long until = now + wait.toNanos();
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

package dev.barfill.app.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.barfill.fetcher.route.TokenBucket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers a simulated request with a fault instead of its data: a 429 from the simulator's own
 * rate limit when exceeded, else the fault {@link SimulatorFaults} draws. Counts the 429s it sent.
 * Thread-safe.
 */
final class FaultInjector {
    private final SimulatorFaults faults;
    private final SplittableRandom draws;
    private final TokenBucket limit;
    private final AtomicLong rateLimited = new AtomicLong();

    FaultInjector(SimulatorFaults faults) {
        this.faults = faults;
        this.draws = new SplittableRandom(faults.seed());
        this.limit = faults.requestsPerMinute() > 0 ? TokenBucket.perMinute(faults.requestsPerMinute()) : null;
    }

    long rateLimited() {
        return rateLimited.get();
    }

    /** A 429 the simulator sent for a reason of its own (a library User-Agent, always-429). */
    void countRateLimited() {
        rateLimited.incrementAndGet();
    }

    /** Sends a fault when the rate limit is exceeded or one is drawn; true if it did. */
    boolean answered(HttpExchange exchange) throws IOException, InterruptedException {
        if (limit != null && !limit.tryAcquire()) {
            int wait = Math.max(1, (int) Math.ceil(60.0 / faults.requestsPerMinute()));
            tooMany(exchange, wait);
            return true;
        }
        double draw;
        synchronized (draws) {
            draw = draws.nextDouble();
        }
        SimulatorFaults.Fault fault = faults.pick(draw);
        if (fault == null) {
            return false;
        }
        switch (fault) {
            case RATE_LIMITED -> tooMany(exchange, faults.retryAfterSeconds());
            case SERVER_ERROR -> YahooSimulator.send(exchange, 503, text("Service Unavailable"));
            case TIMEOUT -> {
                Thread.sleep(faults.hang().toMillis());
                YahooSimulator.send(exchange, 503, text("Gateway Timeout"));
            }
            case MALFORMED -> YahooSimulator.send(exchange, 200, text("{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"US"));
        }
        return true;
    }

    private void tooMany(HttpExchange exchange, int retryAfterSeconds) throws IOException {
        rateLimited.incrementAndGet();
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        YahooSimulator.send(exchange, 429, text("Too Many Requests"));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

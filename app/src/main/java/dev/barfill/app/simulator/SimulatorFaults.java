package dev.barfill.app.simulator;

import java.time.Duration;

/**
 * What the simulator does wrong on purpose. Shares are fractions of all requests (0 to 1, summing
 * to at most 1); a request drawn for a fault gets it instead of its answer.
 *
 * @param latency            delay of every answer
 * @param share429           answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param share5xx           answered 503
 * @param shareTimeout       answered only after {@code hang}, longer than a client should wait
 * @param shareMalformed     answered 200 with a body cut off mid-JSON
 * @param retryAfterSeconds  the {@code Retry-After} of an injected 429
 * @param hang               how long a "timeout" answer takes
 * @param requestsPerMinute  the simulator's own rate limit (token bucket, a tenth of a minute's
 *                           allowance as burst); 0 for none. Beyond it, 429 with {@code Retry-After}
 * @param seed               seed of the fault draws, so a run can be repeated
 */
public record SimulatorFaults(Duration latency, double share429, double share5xx, double shareTimeout,
                              double shareMalformed, int retryAfterSeconds, Duration hang, int requestsPerMinute,
                              long seed) {

    public SimulatorFaults {
        double total = share429 + share5xx + shareTimeout + shareMalformed;
        if (share429 < 0 || share5xx < 0 || shareTimeout < 0 || shareMalformed < 0 || total > 1) {
            throw new IllegalArgumentException("simulator fault shares must be in [0, 1] and sum to at most 1, got "
                    + total);
        }
        if (latency.isNegative() || hang.isNegative()) {
            throw new IllegalArgumentException("simulator latency and hang must not be negative");
        }
        if (requestsPerMinute < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("simulator rate limit and Retry-After must not be negative");
        }
    }

    /** No fault, only {@code latency}. */
    public static SimulatorFaults none(Duration latency) {
        return new SimulatorFaults(latency, 0, 0, 0, 0, 1, Duration.ofSeconds(10), 0, 42);
    }

    /** {@code share} of requests fail, split evenly between 429, 503, hanging and malformed answers. */
    public static SimulatorFaults failing(Duration latency, double share, Duration hang) {
        double each = share / 4;
        return new SimulatorFaults(latency, each, each, each, each, 1, hang, 0, 42);
    }

    public SimulatorFaults withLatency(Duration newLatency) {
        return new SimulatorFaults(newLatency, share429, share5xx, shareTimeout, shareMalformed, retryAfterSeconds,
                hang, requestsPerMinute, seed);
    }

    public SimulatorFaults withRateLimit(int perMinute) {
        return new SimulatorFaults(latency, share429, share5xx, shareTimeout, shareMalformed, retryAfterSeconds, hang,
                perMinute, seed);
    }

    /** The fault for a draw in [0, 1), or null for a normal answer. */
    Fault pick(double draw) {
        double edge = share429;
        if (draw < edge) {
            return Fault.RATE_LIMITED;
        }
        edge += share5xx;
        if (draw < edge) {
            return Fault.SERVER_ERROR;
        }
        edge += shareTimeout;
        if (draw < edge) {
            return Fault.TIMEOUT;
        }
        edge += shareMalformed;
        return draw < edge ? Fault.MALFORMED : null;
    }

    enum Fault { RATE_LIMITED, SERVER_ERROR, TIMEOUT, MALFORMED }
}

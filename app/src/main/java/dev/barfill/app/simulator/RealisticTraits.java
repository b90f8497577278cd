package dev.barfill.app.simulator;

import java.time.Duration;

/**
 * How untidy the {@link SimulatorProfile#REALISTIC realistic} simulator is. Every draw is seeded by
 * what it is about (symbol and day for data, the request for delays), so the same question always
 * gets the same answer.
 *
 * @param thinDayShare      share of a symbol's days that trade thin (chosen by hash of symbol and day);
 *                          symbols whose last character is X, Y or Z trade thin every day. Default 0.2
 * @param thinIntervalShare on a thin day, share of intervals (never the first) with no trade, left out
 *                          of the answer. Default 0.3
 * @param nullRowShare      share of intervals (never a day's first) answered with all prices null. Default 0.02
 * @param slowShare         share of requests answered late (chosen by hash of the request). Default 0.1
 * @param slowDelay         how late a slow answer is, on top of the simulator's latency. Default 300 ms
 */
public record RealisticTraits(double thinDayShare, double thinIntervalShare, double nullRowShare, double slowShare,
                              Duration slowDelay) {

    public RealisticTraits {
        share("thin-day-share", thinDayShare);
        share("thin-interval-share", thinIntervalShare);
        share("null-row-share", nullRowShare);
        share("slow-share", slowShare);
        if (slowDelay == null || slowDelay.isNegative()) {
            throw new IllegalArgumentException("simulator.slow-delay must not be negative, got " + slowDelay);
        }
    }

    public static RealisticTraits defaults() {
        return new RealisticTraits(0.2, 0.3, 0.02, 0.1, Duration.ofMillis(300));
    }

    public RealisticTraits withSlow(double share, Duration delay) {
        return new RealisticTraits(thinDayShare, thinIntervalShare, nullRowShare, share, delay);
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("simulator." + name + " must be between 0 and 1, got " + value);
        }
    }
}

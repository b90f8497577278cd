package dev.barfill.bench;

/** Elapsed time from a start, in seconds. */
final class Stopwatch {
    private final long start = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();

    /** Seconds from the start to a wall-clock time in epoch milliseconds, such as a record's timestamp. */
    double secondsAt(long epochMillis) {
        return (epochMillis - startMillis) / 1e3;
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}

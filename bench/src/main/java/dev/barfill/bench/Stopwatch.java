package dev.barfill.bench;

/** Elapsed time from a start, in seconds. */
final class Stopwatch {
    private final long start = System.nanoTime();

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}

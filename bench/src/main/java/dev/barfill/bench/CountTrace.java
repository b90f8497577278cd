package dev.barfill.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * When a counter (provider requests made, say) first reached each tenth of a target: how a stage
 * progressed over a run, not only when it ended. Samples every 100 ms on its own daemon thread.
 */
final class CountTrace implements AutoCloseable {
    private final double[] tenths = new double[11];
    private final Thread thread;

    CountTrace(LongSupplier count, long target, Stopwatch watch) {
        Arrays.fill(tenths, Double.NaN);
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long n = count.getAsLong();
                for (int i = 1; i <= 10; i++) {
                    if (Double.isNaN(tenths[i]) && n * 10 >= target * i) {
                        tenths[i] = watch.seconds();
                    }
                }
                try {
                    Thread.sleep(100);  // sampling period of the trace
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-count-trace");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code "10% 0.8 s, 20% 1.3 s, ..."}; NaN for a tenth never reached. */
    String tenths() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            b.append(i == 1 ? "" : ", ").append(i * 10).append("% ").append(String.format(Locale.ROOT, "%.1f s", tenths[i]));
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(1_000);
    }
}

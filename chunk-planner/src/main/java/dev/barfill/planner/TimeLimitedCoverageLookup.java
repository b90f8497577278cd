package dev.barfill.planner;

import dev.barfill.core.Series;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.CoverageUnavailableException;
import dev.barfill.planner.plan.DayCoverage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A coverage lookup that answers within {@code limit} or fails with
 * {@link CoverageUnavailableException}. A pool waits up to its connection timeout (30 s by
 * default) for a database that is down; a stream thread blocked that long inside an exactly-once
 * transaction would have it aborted by the broker, so the wait is bounded here and the planner
 * keeps the request and retries instead. A lookup that timed out finishes, unused, in the background.
 */
public final class TimeLimitedCoverageLookup implements CoverageLookup, AutoCloseable {
    private final CoverageLookup delegate;
    private final Duration limit;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "planner-coverage-lookup");
        t.setDaemon(true);
        return t;
    });

    public TimeLimitedCoverageLookup(CoverageLookup delegate, Duration limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to) {
        return within(series, () -> delegate.completeDays(series, from, to));
    }

    @Override
    public Map<LocalDate, DayCoverage> storedDays(Series series, LocalDate from, LocalDate to) {
        return within(series, () -> delegate.storedDays(series, from, to));
    }

    private <T> T within(Series series, Callable<T> lookup) {
        Future<T> answer = executor.submit(lookup);
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new CoverageUnavailableException("coverage lookup for " + series + " took longer than " + limit, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CoverageUnavailableException("coverage lookup for " + series + " failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoverageUnavailableException("coverage lookup for " + series + " interrupted", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

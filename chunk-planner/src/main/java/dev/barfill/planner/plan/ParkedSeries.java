package dev.barfill.planner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one series kept while its coverage could not be read, in arrival order: a later
 * request of the series queues behind them, so requests of a series are planned in the order they
 * came. One backoff for the series: the head is looked up again at {@code nextAttemptAt}. Immutable.
 *
 * @param queue         the kept requests, oldest first, never empty
 * @param attempts      failed lookups since the head was kept
 * @param firstFailedAt the first failed lookup of the head
 * @param nextAttemptAt the earliest time of the next lookup
 * @param lastError     why the last lookup failed
 */
public record ParkedSeries(List<ParkedRequest> queue, int attempts, Instant firstFailedAt, Instant nextAttemptAt,
                           String lastError) {

    public ParkedSeries {
        queue = List.copyOf(queue);
        if (queue.isEmpty()) {
            throw new IllegalArgumentException("a parked series keeps at least one request");
        }
    }

    /** The first request of a series kept, after a failed lookup at {@code now}. */
    public static ParkedSeries first(ParkedRequest request, Instant now, RetryDelays delays, String error) {
        return new ParkedSeries(List.of(request), 1, now, now.plus(delays.after(1)), error);
    }

    public ParkedRequest head() {
        return queue.get(0);
    }

    /** {@code request} queues behind the kept ones. */
    public ParkedSeries behind(ParkedRequest request) {
        List<ParkedRequest> next = new ArrayList<>(queue);
        next.add(request);
        return new ParkedSeries(next, attempts, firstFailedAt, nextAttemptAt, lastError);
    }

    /** One more failed lookup of the head at {@code now}. */
    public ParkedSeries failedAgain(Instant now, RetryDelays delays, String error) {
        Duration delay = delays.after(attempts + 1);
        return new ParkedSeries(queue, attempts + 1, firstFailedAt, now.plus(delay), error);
    }

    /** The head is settled (planned or dead-lettered): the rest, or null when none is left. */
    public ParkedSeries withoutHead(Instant now) {
        if (queue.size() == 1) {
            return null;
        }
        return new ParkedSeries(queue.subList(1, queue.size()), 0, now, now, null);
    }

    public boolean due(Instant now) {
        return !nextAttemptAt.isAfter(now);
    }
}

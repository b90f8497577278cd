package dev.barfill.planner;

import dev.barfill.planner.plan.ParkedRequest;
import dev.barfill.planner.plan.ParkedSeries;
import dev.barfill.planner.plan.RetryDelays;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests kept while their coverage could not be read, per series in arrival order, in a
 * changelogged store: the request's offset is committed, but the request itself survives a crash
 * and a rebalance with the task's state, so it is never skipped.
 */
final class ParkedRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedRequests.class);

    private final KeyValueStore<String, ParkedSeries> store;
    private final RetryDelays delays;
    private final Clock clock;

    ParkedRequests(KeyValueStore<String, ParkedSeries> store, RetryDelays delays, Clock clock) {
        this.store = store;
        this.delays = delays;
        this.clock = clock;
    }

    /** Whether requests of the series are kept: a new one must queue behind them. */
    boolean holds(String seriesKey) {
        return store.get(seriesKey) != null;
    }

    /** Keeps {@code request} behind the series' kept requests, or as the first one after a failed lookup. */
    void park(String seriesKey, ParkedRequest request, String error) {
        ParkedSeries kept = store.get(seriesKey);
        store.put(seriesKey, kept == null ? ParkedSeries.first(request, clock.instant(), delays, error)
                : kept.behind(request));
        LOG.warn("kept a request of {} until its coverage can be read ({} kept): {}", seriesKey,
                kept == null ? 1 : kept.queue().size() + 1, error);
    }

    /** The series whose head is due for another lookup. */
    List<String> dueSeries() {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, ParkedSeries> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ParkedSeries> kv = it.next();
                if (kv.value != null && kv.value.due(clock.instant())) {
                    due.add(kv.key);
                }
            }
        }
        return due;
    }

    ParkedSeries get(String seriesKey) {
        return store.get(seriesKey);
    }

    void failedAgain(String seriesKey, String error) {
        ParkedSeries kept = store.get(seriesKey);
        if (kept != null) {
            store.put(seriesKey, kept.failedAgain(clock.instant(), delays, error));
        }
    }

    /** The head was planned or dead-lettered; returns what is left, or null. */
    ParkedSeries popHead(String seriesKey) {
        ParkedSeries kept = store.get(seriesKey);
        ParkedSeries rest = kept == null ? null : kept.withoutHead(clock.instant());
        if (rest == null) {
            store.delete(seriesKey);
        } else {
            store.put(seriesKey, rest);
        }
        return rest;
    }
}

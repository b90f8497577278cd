package dev.barfill.planner;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Series;
import dev.barfill.planner.plan.FlightDeadlines;
import dev.barfill.planner.plan.JobBook;
import dev.barfill.planner.plan.SeriesState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ends of flights: an event settles the day for its waiters; a day past its deadline is
 * planned again once ({@link FlightDeadlines}), then failed, so every job ends. Records sent from a
 * punctuation carry the punctuation's wall-clock timestamp: the injected clock may be shifted
 * (CI runs 400 days ahead), and a broker refuses records stamped far in the future.
 */
final class FlightWatch {
    private static final Logger LOG = LoggerFactory.getLogger(FlightWatch.class);

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, SeriesState> seriesStore;
    private final KeyValueStore<String, JobProgress> jobs;
    private final ProgressOut progress;
    private final Clock clock;
    private final Duration timeout;

    FlightWatch(ProcessorContext<String, Object> context, KeyValueStore<String, SeriesState> seriesStore,
                KeyValueStore<String, JobProgress> jobs, ProgressOut progress, Clock clock, Duration timeout) {
        this.context = context;
        this.seriesStore = seriesStore;
        this.jobs = jobs;
        this.progress = progress;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Settles the event's day for its waiters when the event is of the day's current flight. */
    void settle(ChunkEvent event, long timestamp) {
        String seriesKey = event.series().key();
        SeriesState state = seriesStore.get(seriesKey);
        SeriesState.Flight flight = state == null ? null : state.flight(event.day()).orElse(null);
        if (flight == null) {
            recoverFailed(event, state, timestamp);
            return;
        }
        if (!event.belongsTo(flight.plannedAt())) {
            LOG.info("ignored {} of {} planned at {}: the day's flight was planned at {}", event.type(),
                    event.chunkKey(), event.plannedAt(), flight.plannedAt());
            recoverFailed(event, state, timestamp);
            return;
        }
        Map<String, JobProgress> settled = new LinkedHashMap<>();
        if (!event.type().settles()) {
            // A retry on its way: the waiters show it, the flight (and its deadline) stays.
            for (String jobId : flight.waiters()) {
                JobProgress job = jobs.get(jobId);
                JobProgress next = job == null ? null : JobBook.retrying(job, event, clock.instant());
                if (next != job) {
                    settled.put(jobId, next);
                }
            }
            forwardProgress(settled.values(), timestamp);
            return;
        }
        Instant now = clock.instant();
        settle(flight, event, now, settled);
        // The flight of a re-run (its own job) stores a day other jobs of the series had failed:
        // they count it done too, so the job the re-run was asked from ends DONE as well.
        SeriesState next = state.without(event.day());
        Recovery recovery = recovered(event, state, flight.waiters(), now);
        if (recovery.failedDays() != null) {
            next = next.withFailedDays(recovery.failedDays());
        }
        seriesStore.put(seriesKey, withFailedOf(next, settled.values()));
        forwardProgress(settled.values(), timestamp);
        forwardProgress(recovery.jobs().values(), timestamp);
    }

    /**
     * A day stored outside any flight (a dead-lettered chunk replayed) counts as done for every job
     * of the series that had it failed.
     */
    private void recoverFailed(ChunkEvent event, SeriesState state, long timestamp) {
        Recovery recovery = recovered(event, state, List.of(), clock.instant());
        forwardProgress(recovery.jobs().values(), timestamp);
    }

    /**
     * Jobs counted done again, and, when the series' jobs were read, every day they still count
     * failed (null when they were not read).
     */
    private record Recovery(Map<String, JobProgress> jobs, Set<LocalDate> failedDays) {
        static final Recovery NONE = new Recovery(Map.of(), null);
    }

    /**
     * The jobs of the event's series, but for {@code skip} (the flight's own waiters), that had the
     * day of a {@code WRITTEN} event failed, counted done ({@link JobBook#recover}: once, never for a
     * cancelled job). Only the series' jobs are read (a job id starts with its symbol and timeframe),
     * and only when the series' state says one of them may have failed the day: a read per event
     * was a sixth of the planner's CPU.
     */
    private Recovery recovered(ChunkEvent event, SeriesState state, List<String> skip, Instant now) {
        if (event.type() != ChunkEventType.WRITTEN || state != null && !state.mayHaveFailed(event.day())) {
            return Recovery.NONE;
        }
        Map<String, JobProgress> recovered = new LinkedHashMap<>();
        Set<LocalDate> stillFailed = new TreeSet<>();
        try (KeyValueIterator<String, JobProgress> it = jobs.prefixScan(CoverageWindow.jobIdPrefix(event.series()),
                new StringSerializer())) {
            it.forEachRemaining(kv -> {
                if (kv.value == null || !kv.value.series().equals(event.series())) {
                    return;
                }
                JobProgress job = kv.value;
                if (!skip.contains(kv.key)) {
                    job = JobBook.recover(kv.value, event, now);
                    if (job != kv.value) {
                        recovered.put(kv.key, job);
                    }
                }
                // A cancelled job is never counted done again: its days need no looking for.
                if (job.status() != JobStatus.CANCELLED) {
                    stillFailed.addAll(job.failedDates());
                }
            });
        }
        if (!recovered.isEmpty()) {
            LOG.info("{} stored after it failed: counted done for {}", event.chunkKey(), recovered.keySet());
        }
        return new Recovery(recovered, stillFailed);
    }

    /** {@code state} knowing the failed days of {@code changed}, jobs of its series. */
    private static SeriesState withFailedOf(SeriesState state, Collection<JobProgress> changed) {
        SeriesState next = state;
        for (JobProgress job : changed) {
            next = next.withFailed(job.failedDates());
        }
        return next;
    }

    /** Re-plans or fails every day past its deadline; {@code timestamp} is the punctuation's. */
    void check(long timestamp) {
        Instant now = clock.instant();
        List<KeyValue<String, SeriesState>> all = new ArrayList<>();
        try (KeyValueIterator<String, SeriesState> it = seriesStore.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, SeriesState> kv : all) {
            if (kv.value == null) {
                continue;
            }
            try {
                expire(kv.key, kv.value, now, timestamp);
            } catch (RuntimeException e) {
                // One broken series must not stop deadlines of the others, nor the stream thread.
                LOG.error("checking the deadlines of {} failed", kv.key, e);
            }
        }
    }

    private void expire(String seriesKey, SeriesState state, Instant now, long timestamp) {
        List<FlightDeadlines.Overdue> overdue = FlightDeadlines.overdue(state, now, timeout);
        if (overdue.isEmpty()) {
            return;
        }
        Series series = Series.parseKey(seriesKey);
        List<Record<String, Object>> chunks = new ArrayList<>();
        List<Record<String, Object>> markers = new ArrayList<>();
        Map<String, JobProgress> settled = new LinkedHashMap<>();
        for (FlightDeadlines.Overdue o : overdue) {
            ChunkKey key = new ChunkKey(series, o.day());
            // Whatever happens next, the old flight is over: fetchers skip it if it is still queued.
            markers.add(new Record<>(key.key(), ChunkCancellation.of(key, o.flight().plannedAt(), now), timestamp));
            if (o instanceof FlightDeadlines.Replan) {
                Instant plannedAt = state.nextPlannedAt(now);
                state = state.replanned(o.day(), plannedAt, plannedAt.plus(timeout));
                chunks.add(new Record<>(seriesKey, ChunkTask.first(key, o.flight().waiters(), plannedAt), timestamp));
                LOG.warn("{} planned at {} had no outcome by its deadline; planned again at {}", key,
                        o.flight().plannedAt(), plannedAt);
            } else {
                String reason = ((FlightDeadlines.GiveUp) o).reason();
                ChunkEvent failed = new ChunkEvent(series.symbol().value(), series.timeframe(), o.day(),
                        ChunkEventType.FAILED, 0, 0, null, reason, now, o.flight().plannedAt());
                settle(o.flight(), failed, now, settled);
                state = state.without(o.day());
                LOG.warn("{} failed: {}", key, reason);
            }
        }
        chunks.forEach(r -> context.forward(r, PlannerTopology.CHUNKS_SINK));
        markers.forEach(r -> context.forward(r, PlannerTopology.CANCELLATIONS_SINK));
        seriesStore.put(seriesKey, withFailedOf(state, settled.values()));
        forwardProgress(settled.values(), timestamp);
    }

    /**
     * Settles the day of {@code event} for the flight's waiters into {@code settled}, the jobs
     * changed so far (a job may wait on several overdue days); nothing is stored yet.
     */
    private void settle(SeriesState.Flight flight, ChunkEvent event, Instant now, Map<String, JobProgress> settled) {
        for (String jobId : flight.waiters()) {
            JobProgress job = settled.containsKey(jobId) ? settled.get(jobId) : jobs.get(jobId);
            if (job != null) {
                JobProgress next = JobBook.settle(job, event, now);
                if (next != job) {
                    settled.put(jobId, next);
                }
            }
        }
    }

    private void forwardProgress(Collection<JobProgress> settled, long timestamp) {
        for (JobProgress job : settled) {
            progress.save(job, timestamp);
        }
    }
}

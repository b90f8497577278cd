package dev.barfill.planner;

import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.CoverageRequestJson;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Series;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.DeadLetters.ErrorClass;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.ParkedRequest;
import dev.barfill.planner.plan.ParkedSeries;
import dev.barfill.planner.plan.DayCoverage;
import dev.barfill.planner.plan.DayPlan;
import dev.barfill.planner.plan.DayPlanner;
import dev.barfill.planner.plan.JobBook;
import dev.barfill.planner.plan.SeriesState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a request, plans its missing days and opens its job. A request whose coverage cannot
 * be read now is kept by {@link ParkedRequests} and planned when a later lookup succeeds.
 */
final class PlanRequestProcessor extends PlannerProcessor<CoverageRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanRequestProcessor.class);

    private final CoverageRequestValidator validator;
    private final CalendarRegistry calendars;
    private final DayPlanner planner;
    private final CoverageLookup coverage;
    private final PlannerTimings timings;
    private final PlannerHealth health;
    private final RequestPartitions partitions;
    private ParkedRequests parked;

    PlanRequestProcessor(CoverageRequestValidator validator, CalendarRegistry calendars, DayPlanner planner,
                         CoverageLookup coverage, Clock clock, PlannerTimings timings, PlannerHealth health,
                         RequestPartitions partitions) {
        super(clock);
        this.validator = validator;
        this.calendars = calendars;
        this.planner = planner;
        this.coverage = coverage;
        this.timings = timings;
        this.health = health;
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        parked = new ParkedRequests(context.getStateStore(PlannerTopology.PARKED_STORE), timings.lookupRetry(), clock);
        context.schedule(timings.lookupRetry().first(), PunctuationType.WALL_CLOCK_TIME, t -> retryParked());
    }

    @Override
    protected String dlqSink() {
        return PlannerTopology.DLQ_SINK;
    }

    @Override
    protected CoverageRequest decode(byte[] value) {
        if (value.length == 0) {
            throw new RefusedRecordException(ErrorClass.UNDECODABLE, "body",
                    "empty record: a JSON coverage request is required");
        }
        try {
            // The API's strict reader: a record produced by any client obeys the same JSON types.
            return CoverageRequestJson.read(value);
        } catch (InvalidRequestException e) {
            String field = e.errors().get(0).field();
            throw new RefusedRecordException("body".equals(field) ? ErrorClass.UNDECODABLE : ErrorClass.INVALID,
                    field, ("body".equals(field) ? "not a JSON coverage request: " : "") + e.getMessage());
        }
    }

    @Override
    protected void handle(Record<String, byte[]> record, CoverageRequest request) {
        CoverageWindow window;
        try {
            window = validator.validate(request);
        } catch (InvalidRequestException e) {
            throw new RefusedRecordException(ErrorClass.INVALID, e.errors().get(0).field(), e.getMessage());
        }
        String seriesKey = window.series().key();
        RecordMetadata source = context.recordMetadata().orElse(null);
        if (!seriesKey.equals(record.key())) {
            // Any producer may send requests; state must stay on the series' partition.
            byte[] resolved = write(request.resolvedTo(window));
            context.forward(new Record<String, Object>(seriesKey, resolved, record.timestamp(), record.headers()),
                    PlannerTopology.REKEY_SINK);
            return;
        }
        if (source != null && !partitions.home(seriesKey, source.partition())
                && record.headers().lastHeader(RequestPartitions.REROUTED) == null) {
            LOG.info("request of {} read on partition {}, not its series' partition: sent again", seriesKey,
                    source.partition());
            Record<String, Object> again = new Record<String, Object>(seriesKey, record.value(), record.timestamp(),
                    new RecordHeaders(record.headers().toArray()));
            again.headers().add(RequestPartitions.REROUTED, new byte[] {1});
            context.forward(again, PlannerTopology.REKEY_SINK);
            return;
        }
        ParkedRequest kept = new ParkedRequest(window.from(), window.to(), record.value(), record.timestamp(),
                source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset());
        if (parked.holds(seriesKey)) {
            // Requests of a series are planned in arrival order: this one waits behind the kept ones.
            parked.park(seriesKey, kept, "queued behind earlier requests of " + seriesKey);
            return;
        }
        try {
            plan(window, request.refreshing(), record.timestamp());
        } catch (RuntimeException e) {
            if (!LookupFailures.retryable(e)) {
                throw e;
            }
            parked.park(seriesKey, kept, e.getMessage());
            health.lookupFailed(e.getMessage());
        }
    }

    /**
     * Plans the kept requests that are due, each series in arrival order, until a lookup fails
     * again; a kept request that throws for any other reason is dead-lettered and the next is tried.
     */
    private void retryParked() {
        for (String seriesKey : parked.dueSeries()) {
            for (ParkedSeries kept = parked.get(seriesKey); kept != null; ) {
                ParkedRequest head = kept.head();
                try {
                    plan(new CoverageWindow(Series.parseKey(seriesKey), head.from(), head.to()), refreshing(head),
                            head.timestamp());
                } catch (RuntimeException e) {
                    if (LookupFailures.retryable(e)) {
                        parked.failedAgain(seriesKey, e.getMessage());
                        health.lookupFailed(e.getMessage());
                        return;
                    }
                    LOG.error("a kept request of {} threw; sent to its dead-letter topic", seriesKey, e);
                    forwardDeadLetter(new Record<>(seriesKey, head.raw(), head.timestamp()),
                            DeadLetters.Failure.of(STAGE, ErrorClass.PROCESSING,
                                    e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant())
                                    .withException(e).withAttempts(kept.attempts() + 1, kept.firstFailedAt()),
                            head.sourceTopic(), head.sourcePartition(), head.sourceOffset());
                }
                kept = parked.popHead(seriesKey);
            }
        }
    }

    /**
     * A new window opens a job. The same window again re-announces its job while it runs; a job
     * that ended with failed days or was cancelled is planned again under the same id, and so is
     * a job that ended {@code DONE} when there is something to fetch again (a session not settled
     * whose last fetch is older than the refresh delay, or a {@code refresh} request).
     * Everything is computed before anything is stored or sent.
     */
    private void plan(CoverageWindow window, boolean refresh, long timestamp) {
        String jobId = window.jobId();
        JobProgress existing = jobs.get(jobId);
        if (existing != null && !existing.status().finished()) {
            progress.announce(existing, timestamp);
            return;
        }
        Instant now = clock.instant();
        String seriesKey = window.series().key();
        SeriesState state = orEmpty(seriesStore.get(seriesKey));
        DayPlan plan = planner.plan(calendars.forSymbol(window.series().symbol()), window.series().timeframe(),
                window.from(), window.to(), storedDays(window), refresh, state, now);
        if (existing != null && !replannable(existing) && plan.toFetch().isEmpty()) {
            progress.announce(existing, timestamp);
            return;
        }
        Instant plannedAt = state.nextPlannedAt(now);
        Instant deadline = plannedAt.plus(timings.flightTimeout());
        List<ChunkTask> tasks = new ArrayList<>();
        for (LocalDate day : plan.joined()) {
            state = state.withWaiter(day, jobId, plannedAt, deadline);
        }
        for (LocalDate day : plan.toFetch()) {
            state = state.withWaiter(day, jobId, plannedAt, deadline);
            tasks.add(ChunkTask.first(new ChunkKey(window.series(), day), List.of(jobId), plannedAt));
        }
        JobProgress job = existing == null ? JobBook.open(window, plan, now) : JobBook.reopen(existing, plan, now);

        for (ChunkTask task : tasks) {
            context.forward(new Record<>(seriesKey, task, timestamp), PlannerTopology.CHUNKS_SINK);
        }
        seriesStore.put(seriesKey, state);
        progress.save(job, timestamp);
        LOG.info("job {} {}: {} days, {} covered, {} joined, {} to fetch, {} unavailable", jobId,
                existing == null ? "planned" : "planned again", plan.totalDays(), plan.covered().size(),
                plan.joined().size(), plan.toFetch().size(), plan.unavailable().size());
    }

    private Map<LocalDate, DayCoverage> storedDays(CoverageWindow window) {
        Map<LocalDate, DayCoverage> days = coverage.storedDays(window.series(), window.from(), window.to());
        health.lookupSucceeded();
        return days;
    }

    /** Whether a kept request asked for a refresh; it was read once already, so it reads again. */
    private static boolean refreshing(ParkedRequest kept) {
        return CoverageRequestJson.read(kept.raw()).refreshing();
    }

    private static boolean replannable(JobProgress job) {
        return job.status() == JobStatus.DONE_WITH_ERRORS || job.status() == JobStatus.CANCELLED;
    }

    private static byte[] write(CoverageRequest request) {
        return Topics.REQUEST_VALUES.serialize("coverage-requests", request);
    }

    private static SeriesState orEmpty(SeriesState s) {
        return s == null ? SeriesState.empty() : s;
    }
}

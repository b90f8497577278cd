package dev.barfill.planner;

import com.fasterxml.jackson.core.JacksonException;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.DayPlan;
import dev.barfill.planner.plan.DayPlanner;
import dev.barfill.planner.plan.JobBook;
import dev.barfill.planner.plan.SeriesState;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates a request, plans its missing days and opens its job. */
final class PlanRequestProcessor extends PlannerProcessor<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanRequestProcessor.class);

    private final CoverageRequestValidator validator;
    private final CalendarRegistry calendars;
    private final DayPlanner planner;
    private final CoverageLookup coverage;
    private final Clock clock;

    PlanRequestProcessor(CoverageRequestValidator validator, CalendarRegistry calendars, DayPlanner planner,
                         CoverageLookup coverage, Clock clock) {
        this.validator = validator;
        this.calendars = calendars;
        this.planner = planner;
        this.coverage = coverage;
        this.clock = clock;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CoverageRequest request;
        CoverageWindow window;
        try {
            request = parse(record.value());
            window = validator.validate(request);
        } catch (InvalidRequestException e) {
            refuse(record, e.errors().get(0).field(), e.getMessage());
            return;
        }
        String seriesKey = window.series().key();
        if (!seriesKey.equals(record.key())) {
            // Any producer may send requests; state must stay on the series' partition.
            byte[] resolved = write(request.resolvedTo(window));
            context.forward(new Record<String, Object>(seriesKey, resolved, record.timestamp(), record.headers()),
                    PlannerTopology.REKEY_SINK);
            return;
        }
        plan(window, record.timestamp());
    }

    /**
     * A new window opens a job. The same window again re-announces its job, except a job that
     * ended with failed days or was cancelled: that one is planned again under the same id.
     */
    private void plan(CoverageWindow window, long timestamp) {
        String jobId = window.jobId();
        JobProgress existing = jobs.get(jobId);
        if (existing != null && !replannable(existing)) {
            context.forward(new Record<>(jobId, existing, timestamp), PlannerTopology.PROGRESS_SINK);
            return;
        }
        Instant now = clock.instant();
        DayPlan plan = dispatch(window, timestamp, now);
        JobProgress job = existing == null ? JobBook.open(window, plan, now) : JobBook.reopen(existing, plan, now);
        jobs.put(jobId, job);
        context.forward(new Record<>(jobId, job, timestamp), PlannerTopology.PROGRESS_SINK);
        LOG.info("job {} {}: {} days, {} covered, {} joined, {} to fetch, {} unavailable", jobId,
                existing == null ? "planned" : "planned again", plan.totalDays(), plan.covered().size(),
                plan.joined().size(), plan.toFetch().size(), plan.unavailable().size());
    }

    private static boolean replannable(JobProgress job) {
        return job.status() == JobStatus.DONE_WITH_ERRORS || job.status() == JobStatus.CANCELLED;
    }

    /** Plans the window's days, puts the job on their waiters and sends one chunk per day to fetch. */
    private DayPlan dispatch(CoverageWindow window, long timestamp, Instant now) {
        String jobId = window.jobId();
        String seriesKey = window.series().key();
        SeriesState state = orEmpty(seriesStore.get(seriesKey));
        DayPlan plan = planner.plan(calendars.forSymbol(window.series().symbol()), window.series().timeframe(),
                window.from(), window.to(), coverage.completeDays(window.series(), window.from(), window.to()),
                state, now);
        Instant plannedAt = state.nextPlannedAt(now);
        for (LocalDate day : plan.joined()) {
            state = state.withWaiter(day, jobId, plannedAt);
        }
        for (LocalDate day : plan.toFetch()) {
            state = state.withWaiter(day, jobId, plannedAt);
            ChunkTask task = ChunkTask.first(new ChunkKey(window.series(), day), List.of(jobId), plannedAt);
            context.forward(new Record<>(seriesKey, task, timestamp), PlannerTopology.CHUNKS_SINK);
        }
        seriesStore.put(seriesKey, state);
        return plan;
    }

    private void refuse(Record<String, byte[]> record, String field, String reason) {
        LOG.warn("refused request {} to the dead-letter topic: {}", record.key(), reason);
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(),
                DlqHeaders.of(record.headers(), field, reason, context.recordMetadata().orElse(null))),
                PlannerTopology.DLQ_SINK);
    }

    private static CoverageRequest parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidRequestException("body", "empty record: a JSON coverage request is required");
        }
        try {
            return Json.mapper().readValue(value, CoverageRequest.class);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "not a JSON coverage request: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("body", "unreadable record: " + e.getMessage());
        }
    }

    private static byte[] write(CoverageRequest request) {
        try {
            return Json.mapper().writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("a coverage request always serialises", e);
        }
    }

    private static SeriesState orEmpty(SeriesState s) {
        return s == null ? SeriesState.empty() : s;
    }
}

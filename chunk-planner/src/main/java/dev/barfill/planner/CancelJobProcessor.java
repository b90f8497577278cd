package dev.barfill.planner;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.JobCommand;
import dev.barfill.core.JobProgress;
import dev.barfill.planner.plan.JobBook;
import dev.barfill.planner.plan.SeriesState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a job: it leaves the waiters of its pending days and ends {@code CANCELLED}. A day no
 * other live job waits on leaves the flight list, and a {@link ChunkCancellation} naming that
 * flight tells fetchers not to fetch it. Cancelling a finished job, or twice, changes nothing
 * and re-announces the job.
 */
final class CancelJobProcessor extends PlannerProcessor<JobCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(CancelJobProcessor.class);

    private final Clock clock;

    CancelJobProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Record<String, JobCommand> record) {
        JobCommand command = record.value();
        if (command == null) {
            return;
        }
        JobProgress job = jobs.get(command.jobId());
        if (job == null) {
            // The API checks the job exists; a command on the wrong key lands on a task that does not hold it.
            LOG.warn("ignored {} of job {} under key {}: no such job on this partition", command.type(),
                    command.jobId(), record.key());
            return;
        }
        if (job.status().finished()) {
            context.forward(new Record<>(job.jobId(), job, record.timestamp()), PlannerTopology.PROGRESS_SINK);
            return;
        }
        Instant now = clock.instant();
        String seriesKey = job.series().key();
        SeriesState state = seriesStore.get(seriesKey);
        int released = 0;
        for (LocalDate day : job.pendingDays()) {
            if (state == null) {
                break;
            }
            SeriesState.Flight flight = state.flight(day).orElse(null);
            state = state.withoutWaiter(day, job.jobId());
            if (flight != null && !state.isInFlight(day)) {
                ChunkKey key = new ChunkKey(job.series(), day);
                context.forward(new Record<>(key.key(), ChunkCancellation.of(key, flight.plannedAt(), now),
                        record.timestamp()), PlannerTopology.CANCELLATIONS_SINK);
                released++;
            }
        }
        if (state != null) {
            seriesStore.put(seriesKey, state);
        }
        JobProgress cancelled = JobBook.cancel(job, now);
        jobs.put(job.jobId(), cancelled);
        context.forward(new Record<>(job.jobId(), cancelled, record.timestamp()), PlannerTopology.PROGRESS_SINK);
        LOG.info("job {} cancelled by {}: {} pending days, {} no longer fetched", job.jobId(),
                command.requestedBy(), job.pendingDays().size(), released);
    }
}

package dev.barfill.planner;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.JobCommand;
import dev.barfill.core.JobProgress;
import dev.barfill.core.kafka.DeadLetters.ErrorClass;
import dev.barfill.core.kafka.Topic;
import dev.barfill.planner.plan.JobBook;
import dev.barfill.planner.plan.SeriesState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
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

    private final Topic<String, JobCommand> commands;

    CancelJobProcessor(Clock clock, Topic<String, JobCommand> commands) {
        super(clock);
        this.commands = commands;
    }

    @Override
    protected String dlqSink() {
        return PlannerTopology.COMMANDS_DLQ_SINK;
    }

    @Override
    protected JobCommand decode(byte[] value) {
        try {
            return commands.valueSerde().deserializer().deserialize(commands.name(), value);
        } catch (SerializationException e) {
            throw new RefusedRecordException(ErrorClass.UNDECODABLE, null, "not a JSON job command: " + e.getMessage());
        }
    }

    @Override
    protected void handle(Record<String, byte[]> record, JobCommand command) {
        JobProgress job = jobs.get(command.jobId());
        if (job == null) {
            // The API checks the job exists; a command on the wrong key lands on a task that does not hold it.
            LOG.warn("ignored {} of job {} under key {}: no such job on this partition", command.type(),
                    command.jobId(), record.key());
            return;
        }
        if (job.status().finished()) {
            progress.announce(job, record.timestamp());
            return;
        }
        Instant now = clock.instant();
        String seriesKey = job.series().key();
        SeriesState state = seriesStore.get(seriesKey);
        List<Record<String, Object>> markers = new ArrayList<>();
        for (LocalDate day : job.pendingDays()) {
            if (state == null) {
                break;
            }
            SeriesState.Flight flight = state.flight(day).orElse(null);
            state = state.withoutWaiter(day, job.jobId());
            if (flight != null && !state.isInFlight(day)) {
                ChunkKey key = new ChunkKey(job.series(), day);
                markers.add(new Record<>(key.key(), ChunkCancellation.of(key, flight.plannedAt(), now),
                        record.timestamp()));
            }
        }
        JobProgress cancelled = JobBook.cancel(job, now);

        markers.forEach(m -> context.forward(m, PlannerTopology.CANCELLATIONS_SINK));
        if (state != null) {
            seriesStore.put(seriesKey, state);
        }
        progress.save(cancelled, record.timestamp());
        LOG.info("job {} cancelled by {}: {} pending days, {} no longer fetched", job.jobId(),
                command.requestedBy(), job.pendingDays().size(), markers.size());
    }
}

package dev.barfill.planner;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.JobProgress;
import dev.barfill.planner.plan.JobBook;
import dev.barfill.planner.plan.SeriesState;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Settles a day for every job that waits on it. A day that is no longer in flight has already
 * been settled, so a duplicated or replayed event changes nothing.
 */
final class SettleDayProcessor extends PlannerProcessor<ChunkEvent> {
    private final Clock clock;

    SettleDayProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Record<String, ChunkEvent> record) {
        ChunkEvent event = record.value();
        if (event == null) {
            return;
        }
        String seriesKey = event.series().key();
        SeriesState state = seriesStore.get(seriesKey);
        if (state == null || !state.isInFlight(event.day())) {
            return;
        }
        Instant now = clock.instant();
        for (String jobId : state.waiters(event.day())) {
            JobProgress job = jobs.get(jobId);
            if (job == null) {
                continue;
            }
            JobProgress next = JobBook.settle(job, event, now);
            if (next != job) {
                jobs.put(jobId, next);
                context.forward(new Record<>(jobId, next, record.timestamp()), PlannerTopology.PROGRESS_SINK);
            }
        }
        seriesStore.put(seriesKey, state.without(event.day()));
    }
}

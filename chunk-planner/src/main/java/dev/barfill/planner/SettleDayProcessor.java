package dev.barfill.planner;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.kafka.DeadLetters.ErrorClass;
import dev.barfill.core.kafka.Topic;
import java.time.Clock;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Settles a day for every job that waits on it. Only an event of the day's current flight settles
 * it: a day that is no longer in flight has already been settled (a duplicated or replayed event
 * changes nothing), and an event of an older plan of the day (a late outcome of a cancelled or
 * re-planned fetch) leaves the newer flight to its own fetch. A wall-clock punctuator hands the
 * flights past their deadline to {@link FlightWatch}; another retires finished jobs past their
 * retention ({@link JobRetirement}).
 */
final class SettleDayProcessor extends PlannerProcessor<ChunkEvent> {
    private final PlannerTimings timings;
    private final Topic<String, ChunkEvent> events;
    private FlightWatch watch;

    SettleDayProcessor(Clock clock, PlannerTimings timings, Topic<String, ChunkEvent> events) {
        super(clock);
        this.timings = timings;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        watch = new FlightWatch(context, seriesStore, jobs, progress, clock, timings.flightTimeout());
        context.schedule(timings.flightCheckInterval(), PunctuationType.WALL_CLOCK_TIME, watch::check);
        JobRetirement retirement = new JobRetirement(jobs, progress, clock, timings.jobRetention());
        context.schedule(timings.jobRetentionCheckInterval(), PunctuationType.WALL_CLOCK_TIME, retirement::retire);
    }

    @Override
    protected String dlqSink() {
        return PlannerTopology.EVENTS_DLQ_SINK;
    }

    @Override
    protected ChunkEvent decode(byte[] value) {
        ChunkEvent event;
        try {
            event = events.valueSerde().deserializer().deserialize(events.name(), value);
        } catch (SerializationException e) {
            throw new RefusedRecordException(ErrorClass.UNDECODABLE, null, "not a JSON chunk event: " + e.getMessage());
        }
        if (event.symbol() == null || event.timeframe() == null || event.day() == null || event.type() == null) {
            throw new RefusedRecordException(ErrorClass.INVALID, null,
                    "a chunk event needs symbol, timeframe, day and type");
        }
        return event;
    }

    @Override
    protected void handle(Record<String, byte[]> record, ChunkEvent event) {
        watch.settle(event, record.timestamp());
    }
}

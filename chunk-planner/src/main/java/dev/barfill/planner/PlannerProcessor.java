package dev.barfill.planner;

import dev.barfill.core.JobProgress;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.DeadLetters.ErrorClass;
import dev.barfill.planner.plan.SeriesState;
import java.time.Clock;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor of the planner's one sub-topology: it sees the state of every series and every job
 * of its task, and forwards to the planner's sinks by name.
 *
 * <p>It reads raw bytes and decodes them itself, so that no record can stop the planner: a
 * record that cannot be decoded, is refused ({@link RefusedRecordException}) or makes the
 * processor throw goes, exactly as it was read, to {@link #dlqSink()} with the
 * {@link DeadLetters} headers, and the next record is processed. Each processor computes before it
 * writes (stores, forwards), so a throw leaves no half-applied record behind.
 */
abstract class PlannerProcessor<V> implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerProcessor.class);
    static final String STAGE = "planner";

    protected final Clock clock;
    protected ProcessorContext<String, Object> context;
    protected KeyValueStore<String, SeriesState> seriesStore;
    protected KeyValueStore<String, JobProgress> jobs;
    protected ProgressOut progress;

    PlannerProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seriesStore = context.getStateStore(PlannerTopology.SERIES_STORE);
        this.jobs = context.getStateStore(PlannerTopology.JOBS_STORE);
        this.progress = new ProgressOut(context, jobs);
    }

    @Override
    public final void process(Record<String, byte[]> record) {
        try {
            // A null value is no tombstone on these topics but a record that carries nothing: refused like an empty one.
            handle(record, decode(record.value() == null ? new byte[0] : record.value()));
        } catch (RefusedRecordException e) {
            deadLetter(record, e.errorClass(), e.field(), e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.error("{} threw on a record of {}; sent to its dead-letter topic", getClass().getSimpleName(),
                    record.key(), e);
            deadLetter(record, ErrorClass.PROCESSING, null, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The record's value.
     *
     * @throws RefusedRecordException when it is no record of this input
     */
    protected abstract V decode(byte[] value);

    /** Processes one decoded record; may throw, which dead-letters it. */
    protected abstract void handle(Record<String, byte[]> record, V value);

    /** The sink of this input's dead-letter topic. */
    protected abstract String dlqSink();

    /** Sends {@code record}, as read, to this input's dead-letter topic with why. */
    protected final void deadLetter(Record<String, byte[]> record, ErrorClass errorClass, String field, String reason,
                                    Throwable cause) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        DeadLetters.Failure failure = DeadLetters.Failure.of(STAGE, errorClass, reason, clock.instant())
                .withField(field).withException(cause);
        forwardDeadLetter(record, failure, source == null ? null : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset());
    }

    protected final void forwardDeadLetter(Record<String, byte[]> record, DeadLetters.Failure failure,
                                           String topic, int partition, long offset) {
        LOG.warn("refused {} record {} to the dead-letter topic: {}", failure.errorClass(), record.key(),
                failure.reason());
        Headers headers = DeadLetters.headers(record.headers(), failure, topic, partition, offset);
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
                dlqSink());
    }
}

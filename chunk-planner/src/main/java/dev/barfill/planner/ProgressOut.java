package dev.barfill.planner;

import dev.barfill.core.JobProgress;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Stores jobs and sends them to {@code job-progress}: one record per job per commit, not one per
 * event. The job store is cached ({@code withCachingEnabled}); a job is sent when its cache entry
 * is flushed, which Kafka Streams does before it commits the transaction (or when the cache is
 * full), exactly as a cached KTable forwards its changes. So the record sent is always the job as
 * stored at that commit, in the same transaction as the store's changelog: the final state of
 * every job is sent, intermediate ones of a commit may be skipped. A store without a cache (a
 * topology built otherwise) sends every change at once, as before.
 *
 * <p>Kafka Streams offers a store's flush listener only to its own KTables, hence the internal
 * types here; the forward runs as the processor that registered it, the way KTables do.
 */
final class ProgressOut {
    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, JobProgress> jobs;
    private final boolean onFlush;

    ProgressOut(ProcessorContext<String, Object> context, KeyValueStore<String, JobProgress> jobs) {
        this.context = context;
        this.jobs = jobs;
        this.onFlush = context instanceof InternalProcessorContext<?, ?> internal
                && jobs instanceof WrappedStateStore<?, ?, ?> wrapped
                && listen(internal, wrapped);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean listen(InternalProcessorContext<?, ?> internal, WrappedStateStore<?, ?, ?> store) {
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        InternalProcessorContext<String, Object> ctx = (InternalProcessorContext<String, Object>) internal;
        return ((WrappedStateStore) store).setFlushListener(record -> {
            Record<String, org.apache.kafka.streams.kstream.internals.Change<JobProgress>> change =
                    (Record<String, org.apache.kafka.streams.kstream.internals.Change<JobProgress>>) record;
            ProcessorNode<?, ?, ?, ?> previous = ctx.currentNode();
            ctx.setCurrentNode(node);
            try {
                ctx.forward(new Record<String, Object>(change.key(), change.value().newValue, change.timestamp()),
                        PlannerTopology.PROGRESS_SINK);
            } finally {
                ctx.setCurrentNode(previous);
            }
        }, false);
    }

    /** Stores the changed job; it is sent with the commit (at once without a cache). */
    void save(JobProgress job, long timestamp) {
        jobs.put(job.jobId(), job);
        if (!onFlush) {
            announce(job, timestamp);
        }
    }

    /** Deletes a retired job; its tombstone is sent with the commit (at once without a cache). */
    void retire(String jobId, long timestamp) {
        jobs.delete(jobId);
        if (!onFlush) {
            context.forward(new Record<>(jobId, null, timestamp), PlannerTopology.PROGRESS_SINK);
        }
    }

    /** Sends a job as it is stored, now: the answer to a request or command that changed nothing. */
    void announce(JobProgress job, long timestamp) {
        context.forward(new Record<>(job.jobId(), job, timestamp), PlannerTopology.PROGRESS_SINK);
    }
}

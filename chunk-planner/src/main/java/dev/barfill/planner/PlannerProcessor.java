package dev.barfill.planner;

import dev.barfill.core.JobProgress;
import dev.barfill.planner.plan.SeriesState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor of the planner's one sub-topology: it sees the state of every series and every job
 * of its task, and forwards to the planner's sinks by name.
 */
abstract class PlannerProcessor<V> implements Processor<String, V, String, Object> {
    protected ProcessorContext<String, Object> context;
    protected KeyValueStore<String, SeriesState> seriesStore;
    protected KeyValueStore<String, JobProgress> jobs;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seriesStore = context.getStateStore(PlannerTopology.SERIES_STORE);
        this.jobs = context.getStateStore(PlannerTopology.JOBS_STORE);
    }
}

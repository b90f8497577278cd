package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.JobProgress;
import dev.barfill.core.Timeframe;
import dev.barfill.core.kafka.JsonSerde;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Without a store cache to flush (here a plain in-memory store on a mock context), every change is
 * sent at once, as stored. The cached path is covered by the topology tests (the driver flushes
 * after every record) and measured on a broker by {@code ./barfill bench planner}.
 */
class ProgressOutTest {
    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void shouldSendEveryChangeAtOnceWhenTheJobStoreHasNoCache() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(new Properties());
        KeyValueStore<String, JobProgress> jobs = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("jobs"),
                Serdes.String(), new JsonSerde<>(JobProgress.class)).withLoggingDisabled().build();
        jobs.init(context.getStateStoreContext(), jobs);
        ProgressOut out = new ProgressOut(context, jobs);

        JobProgress job = JobProgress.of("job-1", "AAPL", Timeframe.M15, LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 27), T0);
        out.save(job, 7L);
        assertThat(jobs.get("job-1")).isEqualTo(job);
        out.retire("job-1", 9L);
        assertThat(jobs.get("job-1")).isNull();

        assertThat(context.forwarded()).extracting(CapturedForward::childName)
                .containsExactly(java.util.Optional.of(PlannerTopology.PROGRESS_SINK),
                        java.util.Optional.of(PlannerTopology.PROGRESS_SINK));
        assertThat(context.forwarded().get(0).record().value()).isEqualTo(job);
        assertThat(context.forwarded().get(0).record().timestamp()).isEqualTo(7L);
        assertThat(context.forwarded().get(1).record().value()).isNull();
        assertThat(context.forwarded().get(1).record().timestamp()).isEqualTo(9L);
    }
}

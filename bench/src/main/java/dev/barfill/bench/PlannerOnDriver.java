package dev.barfill.bench;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.kafka.JsonSerde;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.PlannerHealth;
import dev.barfill.planner.PlannerTimings;
import dev.barfill.planner.PlannerTopology;
import dev.barfill.planner.plan.SeriesState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production planner topology on a TopologyTestDriver: no broker, no commits, no producer,
 * so the figures are the topology's own CPU (decoding, planning, RocksDB stores, serialising the
 * output). Coverage lookups answer "nothing stored" at once. Everything runs on the calling thread.
 */
final class PlannerOnDriver implements AutoCloseable {
    private final Topics topics = Topics.defaults();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> requests;
    private final TestInputTopic<String, ChunkEvent> events;
    private final TestOutputTopic<String, ChunkTask> chunks;
    private final TestOutputTopic<String, JobProgress> progress;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private StoredSizes sizesInFlight;

    PlannerOnDriver(Path stateDir, Clock clock) {
        CalendarRegistry calendars = CalendarRegistry.defaults();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "barfill-planner-bench");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(PlannerTopology.build(topics, new CoverageRequestValidator(calendars, 3660, clock),
                calendars, (series, from, to) -> Set.of(), HistoryLimits.yahoo(), clock, PlannerTimings.defaults(),
                new PlannerHealth(clock), 0), p);
        requests = driver.createInputTopic(topics.coverageRequests.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        events = driver.createInputTopic(topics.chunkEvents.name(), Serdes.String().serializer(),
                topics.chunkEvents.valueSerde().serializer());
        chunks = driver.createOutputTopic(topics.chunks.name(), Serdes.String().deserializer(),
                topics.chunks.valueSerde().deserializer());
        progress = driver.createOutputTopic(topics.jobProgress.name(), Serdes.String().deserializer(),
                topics.jobProgress.valueSerde().deserializer());
    }

    /** Plans every request, then settles every chunk with a WRITTEN event; checks every job ends at 100%. */
    PlannerRun run(PlannerLoad load, Clock clock) {
        List<PlannerLoad.Keyed> sent = load.requests();
        long cpu0 = mx.getCurrentThreadCpuTime();
        Stopwatch plan = new Stopwatch();
        sent.forEach(r -> requests.pipeInput(r.key(), r.value()));
        double planSeconds = plan.seconds();
        long planCpu = mx.getCurrentThreadCpuTime() - cpu0;

        List<KeyValue<String, ChunkTask>> planned = chunks.readKeyValuesToList();
        progress.readKeyValuesToList();
        sizesInFlight = sizes(sent.get(0).key(), load.jobIds().get(0));
        if (planned.size() != load.chunks()) {
            throw new IllegalStateException("planned " + planned.size() + " chunks, expected " + load.chunks());
        }
        List<KeyValue<String, ChunkEvent>> answers = planned.stream()
                .map(kv -> KeyValue.pair(kv.key, PlannerLoad.written(kv.value, clock.instant()))).toList();
        long cpu1 = mx.getCurrentThreadCpuTime();
        Stopwatch settle = new Stopwatch();
        answers.forEach(kv -> events.pipeInput(kv.key, kv.value));
        double settleSeconds = settle.seconds();
        long settleCpu = mx.getCurrentThreadCpuTime() - cpu1;

        Map<String, Integer> last = new HashMap<>();
        List<KeyValue<String, JobProgress>> out = progress.readKeyValuesToList();
        out.forEach(kv -> last.put(kv.key, kv.value.progress()));
        for (String job : load.jobIds()) {
            if (last.getOrDefault(job, -1) != 100) {
                throw new IllegalStateException("job " + job + " ended at " + last.get(job) + "%, expected 100");
            }
        }
        return new PlannerRun(planned.size(), planSeconds, answers.size(), settleSeconds, out.size(), planCpu, settleCpu);
    }

    /** Sizes of the first series' state and job of the last run, with every day in flight. */
    StoredSizes sizesInFlight() {
        return sizesInFlight;
    }

    /** Bytes of a series' state and of a job as stored: what a commit writes back whole for each one changed. */
    private StoredSizes sizes(String seriesKey, String jobId) {
        SeriesState state = driver.<String, SeriesState>getKeyValueStore(PlannerTopology.SERIES_STORE).get(seriesKey);
        JobProgress job = driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE).get(jobId);
        try (JsonSerde<SeriesState> s = new JsonSerde<>(SeriesState.class);
             JsonSerde<JobProgress> j = new JsonSerde<>(JobProgress.class)) {
            return new StoredSizes(s.serializer().serialize("", state).length, j.serializer().serialize("", job).length);
        }
    }

    /** Serialised sizes of one series' state and one job, in bytes. */
    record StoredSizes(int seriesState, int job) {
    }

    @Override
    public void close() {
        driver.close();
    }
}

package dev.barfill.planner;

import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.kafka.JsonSerde;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.DayPlanner;
import dev.barfill.planner.plan.ParkedSeries;
import dev.barfill.planner.plan.SeriesState;
import dev.barfill.core.calendar.CalendarRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The planner: coverage requests become one chunk per missing trading day, chunk events become
 * job progress. Both inputs are keyed by series, so one task owns all state of a series and
 * updates it single-threaded; with {@code exactly_once_v2} a chunk, a state change and a
 * progress record are committed together or not at all.
 *
 * <pre>
 * coverage-requests --> plan-request --+--> chunks
 *                                      +--> job-progress
 *                                      +--> coverage-requests.dlq   (refused, original bytes)
 *                                      +--> coverage-requests       (re-keyed by series)
 * chunk-events -----> settle-day ------+--> job-progress
 *   (+ deadline punctuator)            +--> chunks                  (overdue days planned again)
 *   (+ retention punctuator)           +--> job-progress            (tombstones of retired jobs)
 *                                      +--> chunk-cancellations     (the overdue flights)
 *                                      +--> chunk-events.dlq        (refused, original bytes)
 * job-commands -----> cancel-job ------+--> job-progress
 *                                      +--> chunk-cancellations     (flights nobody waits for)
 *                                      +--> job-commands.dlq        (refused, original bytes)
 * schedules --------> fire-schedules --+--> coverage-requests       (when due, wall-clock punctuator)
 * </pre>
 *
 * <p>Every input is read as bytes and decoded by its processor, so that no record stops the
 * planner: see {@link PlannerProcessor}. Requests whose coverage cannot be read are kept in
 * {@link #PARKED_STORE} and retried from a wall-clock punctuator ({@link ParkedRequests}).
 *
 * <p>Cancellation across processes: a chunk already on the {@code chunks} topic cannot be taken
 * back, so the planner publishes the cancelled flight (chunk key and {@code plannedAt}) to the
 * compacted {@code chunk-cancellations} topic, which every fetcher reads into a local set and
 * checks before fetching. Plan times of a series only grow, so a marker read late can at worst
 * let a cancelled day be fetched (its event then settles nothing, the day is out of flight); it
 * can never stop a later plan of the same day.
 */
public final class PlannerTopology {
    public static final String SERIES_STORE = "series-state";
    public static final String JOBS_STORE = "jobs";
    public static final String PARKED_STORE = "parked-requests";
    public static final String SCHEDULES_STORE = "schedules";
    public static final String FIRED_STORE = "schedules-fired";
    /**
     * Decoded series states and jobs kept in memory ({@link DecodedValues}): enough for every series
     * and job a planner has in flight at once in the universe benchmark, several times over.
     */
    static final int DECODED_SERIES = 2048;
    static final int DECODED_JOBS = 4096;
    /** How often the schedules are checked against the clock. */
    static final Duration SCHEDULE_CHECK = Duration.ofSeconds(2);

    static final String REQUESTS_SOURCE = "coverage-requests-source";
    static final String EVENTS_SOURCE = "chunk-events-source";
    static final String PLAN_REQUEST = "plan-request";
    static final String SETTLE_DAY = "settle-day";
    static final String COMMANDS_SOURCE = "job-commands-source";
    static final String CANCEL_JOB = "cancel-job";
    static final String CANCELLATIONS_SINK = "chunk-cancellations-sink";
    static final String CHUNKS_SINK = "chunks-sink";
    static final String PROGRESS_SINK = "job-progress-sink";
    static final String DLQ_SINK = "requests-dlq-sink";
    static final String REKEY_SINK = "requests-rekey-sink";
    static final String EVENTS_DLQ_SINK = "chunk-events-dlq-sink";
    static final String COMMANDS_DLQ_SINK = "job-commands-dlq-sink";
    static final String SCHEDULES_SOURCE = "schedules-source";
    static final String FIRE_SCHEDULES = "fire-schedules";
    static final String SCHEDULED_SINK = "scheduled-requests-sink";

    private PlannerTopology() {
    }

    /** The topology with Yahoo's history limits. */
    public static Topology build(Topics topics, CoverageRequestValidator validator, CalendarRegistry calendars,
                                 CoverageLookup coverage, Clock clock) {
        return build(topics, validator, calendars, coverage, HistoryLimits.yahoo(), clock);
    }

    /** The topology with the default timings and a health nobody reads. */
    public static Topology build(Topics topics, CoverageRequestValidator validator, CalendarRegistry calendars,
                                 CoverageLookup coverage, HistoryLimits limits, Clock clock) {
        return build(topics, validator, calendars, coverage, limits, clock, PlannerTimings.defaults(),
                new PlannerHealth(clock), 0);
    }

    /**
     * @param requestPartitions partitions of {@code coverage-requests}, to send a request read on
     *                          another partition than its series' (a non-Java producer) to the
     *                          right one; 0 when unknown
     */
    public static Topology build(Topics topics, CoverageRequestValidator validator, CalendarRegistry calendars,
                                 CoverageLookup coverage, HistoryLimits limits, Clock clock, PlannerTimings timings,
                                 PlannerHealth health, int requestPartitions) {
        Topology topology = new Topology();
        // Shared by the job store and the job-progress sink: a job stored and sent is encoded once.
        DecodedValues<JobProgress> jobValues = new DecodedValues<>(topics.jobProgress.valueSerde(),
                topics.jobProgress.name(), DECODED_JOBS);
        DecodedValues<SeriesState> seriesValues = new DecodedValues<>(new JsonSerde<>(SeriesState.class),
                SERIES_STORE, DECODED_SERIES);
        topology.addSource(REQUESTS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.coverageRequests.name());
        topology.addSource(EVENTS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.chunkEvents.name());
        topology.addSource(COMMANDS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.jobCommands.name());

        topology.addProcessor(PLAN_REQUEST, () -> new PlanRequestProcessor(validator, calendars,
                        new DayPlanner(limits, timings.refreshAfter()), coverage, clock, timings, health,
                        new RequestPartitions(requestPartitions)),
                REQUESTS_SOURCE);
        topology.addProcessor(SETTLE_DAY, () -> new SettleDayProcessor(clock, timings, topics.chunkEvents), EVENTS_SOURCE);
        topology.addProcessor(CANCEL_JOB, () -> new CancelJobProcessor(clock, topics.jobCommands), COMMANDS_SOURCE);

        // Written behind: a series or job changed by many events of a commit is encoded once.
        topology.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SERIES_STORE), Serdes.String(), seriesValues).withCachingEnabled()),
                PLAN_REQUEST, SETTLE_DAY, CANCEL_JOB);
        topology.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(JOBS_STORE), topics.jobProgress.keySerde(), jobValues)
                        .withCachingEnabled()),
                PLAN_REQUEST, SETTLE_DAY, CANCEL_JOB);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_STORE),
                Serdes.String(), new JsonSerde<>(ParkedSeries.class)), PLAN_REQUEST);

        topology.addSink(CHUNKS_SINK, topics.chunks.name(), topics.chunks.keySerde().serializer(),
                topics.chunks.valueSerde().serializer(), PLAN_REQUEST, SETTLE_DAY);
        topology.addSink(PROGRESS_SINK, topics.jobProgress.name(), topics.jobProgress.keySerde().serializer(),
                jobValues.serializer(), PLAN_REQUEST, SETTLE_DAY, CANCEL_JOB);
        topology.addSink(CANCELLATIONS_SINK, topics.chunkCancellations.name(),
                topics.chunkCancellations.keySerde().serializer(), topics.chunkCancellations.valueSerde().serializer(),
                SETTLE_DAY, CANCEL_JOB);
        topology.addSink(DLQ_SINK, topics.coverageRequestsDlq.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PLAN_REQUEST);
        topology.addSink(EVENTS_DLQ_SINK, topics.chunkEventsDlq.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), SETTLE_DAY);
        topology.addSink(COMMANDS_DLQ_SINK, topics.jobCommandsDlq.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), CANCEL_JOB);
        topology.addSink(REKEY_SINK, topics.coverageRequests.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PLAN_REQUEST);

        topology.addSource(SCHEDULES_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.schedules.name());
        topology.addProcessor(FIRE_SCHEDULES, () -> new ScheduleProcessor(calendars, clock, SCHEDULE_CHECK, topics.schedules),
                SCHEDULES_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCHEDULES_STORE),
                topics.schedules.keySerde(), topics.schedules.valueSerde()), FIRE_SCHEDULES);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FIRED_STORE),
                Serdes.String(), Serdes.Long()), FIRE_SCHEDULES);
        topology.addSink(SCHEDULED_SINK, topics.coverageRequests.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), FIRE_SCHEDULES);
        return topology;
    }
}

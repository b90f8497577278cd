package dev.barfill.planner;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.WindowSizes;
import dev.barfill.core.JobCommand;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.plan.CoverageLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology in a TopologyTestDriver with every topic it reads and writes, a fixed
 * clock, and coverage held in a set the test fills (the complete days of {@code bar_coverage}).
 */
final class PlannerHarness implements AutoCloseable {
    final Topics topics = Topics.defaults();
    final Set<LocalDate> stored = new HashSet<>();
    final Clock clock;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> requests;
    final TestInputTopic<String, ChunkEvent> events;
    final TestInputTopic<String, JobCommand> commands;
    final TestOutputTopic<String, ChunkTask> chunks;
    final TestOutputTopic<String, JobProgress> progress;
    final TestOutputTopic<String, byte[]> dlq;
    final TestOutputTopic<String, ChunkCancellation> cancellations;
    final TestInputTopic<String, byte[]> rawEvents;
    final TestInputTopic<String, byte[]> rawCommands;
    final TestOutputTopic<String, byte[]> eventsDlq;
    final TestOutputTopic<String, byte[]> commandsDlq;
    final PlannerHealth health;

    PlannerHarness(Path stateDir, Clock clock, HistoryLimits limits) {
        this(stateDir, clock, limits, null, PlannerTimings.defaults());
    }

    /**
     * @param lookup the coverage lookup, or null for one that answers {@link #stored}
     */
    PlannerHarness(Path stateDir, Clock clock, HistoryLimits limits, CoverageLookup lookup, PlannerTimings timings) {
        this(stateDir, clock, limits, lookup, timings, 0);
    }

    /** @param requestPartitions the partitions the planner believes {@code coverage-requests} has (the driver has 1) */
    PlannerHarness(Path stateDir, Clock clock, HistoryLimits limits, CoverageLookup lookup, PlannerTimings timings,
                   int requestPartitions) {
        this(stateDir, clock, limits, lookup, timings, requestPartitions,
                WindowSizes.standard(HistoryLimits.unlimited()).cappedAt(400));
    }

    /** With the window sizes production derives from {@code limits} and the planner's settings. */
    PlannerHarness(Path stateDir, Clock clock, HistoryLimits limits, WindowSizes sizes) {
        this(stateDir, clock, limits, null, PlannerTimings.defaults(), 0, sizes);
    }

    private PlannerHarness(Path stateDir, Clock clock, HistoryLimits limits, CoverageLookup lookup,
                           PlannerTimings timings, int requestPartitions, WindowSizes sizes) {
        this.clock = clock;
        this.health = new PlannerHealth(clock);
        CalendarRegistry calendars = CalendarRegistry.defaults();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "planner-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        CoverageLookup coverage = lookup != null ? lookup : (series, from, to) -> Set.copyOf(stored);
        driver = new TopologyTestDriver(PlannerTopology.build(topics,
                new CoverageRequestValidator(calendars, sizes, clock), calendars, coverage, limits, clock, timings,
                health, requestPartitions), p);
        requests = driver.createInputTopic(topics.coverageRequests.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        events = driver.createInputTopic(topics.chunkEvents.name(), Serdes.String().serializer(),
                topics.chunkEvents.valueSerde().serializer());
        commands = driver.createInputTopic(topics.jobCommands.name(), Serdes.String().serializer(),
                topics.jobCommands.valueSerde().serializer());
        chunks = driver.createOutputTopic(topics.chunks.name(), Serdes.String().deserializer(),
                topics.chunks.valueSerde().deserializer());
        progress = driver.createOutputTopic(topics.jobProgress.name(), Serdes.String().deserializer(),
                topics.jobProgress.valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.coverageRequestsDlq.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        cancellations = driver.createOutputTopic(topics.chunkCancellations.name(), Serdes.String().deserializer(),
                topics.chunkCancellations.valueSerde().deserializer());
        rawEvents = driver.createInputTopic(topics.chunkEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        rawCommands = driver.createInputTopic(topics.jobCommands.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        eventsDlq = driver.createOutputTopic(topics.chunkEventsDlq.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        commandsDlq = driver.createOutputTopic(topics.jobCommandsDlq.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** Sends a range request under its series key; returns the job id it names. */
    String request(String symbol, Timeframe tf, LocalDate from, LocalDate to) {
        send(symbol, tf, CoverageRequest.ofRange(symbol, tf.code(), from, to));
        return new CoverageWindow(Series.of(symbol, tf), from, to).jobId();
    }

    void send(String symbol, Timeframe tf, CoverageRequest request) {
        try {
            requests.pipeInput(symbol + ":" + tf.code(), Json.mapper().writeValueAsBytes(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sink wrote the day: it is stored complete, and its event reaches the planner. */
    void written(String symbol, Timeframe tf, LocalDate day, int bars) {
        stored.add(day);
        events.pipeInput(symbol + ":" + tf.code(), writtenEvent(symbol, tf, day, bars));
    }

    ChunkEvent writtenEvent(String symbol, Timeframe tf, LocalDate day, int bars) {
        return new ChunkEvent(symbol, tf, day, ChunkEventType.WRITTEN, bars, 0, "yahoo", null, clock.instant());
    }

    void failed(String symbol, Timeframe tf, LocalDate day, String reason) {
        events.pipeInput(symbol + ":" + tf.code(),
                new ChunkEvent(symbol, tf, day, ChunkEventType.FAILED, 0, 0, "yahoo", reason, clock.instant()));
    }

    void cancel(String symbol, Timeframe tf, String jobId) {
        commands.pipeInput(symbol + ":" + tf.code(), JobCommand.cancel(jobId, clock.instant(), "test"));
    }

    @Override
    public void close() {
        driver.close();
    }
}

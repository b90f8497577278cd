package dev.barfill.core.kafka;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.DayBars;
import dev.barfill.core.JobCommand;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Schedule;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, under one prefix ({@code barfill.} by default), with its serdes:
 * producers write values with {@link Topic#record}, consumers read with the topic's value serde.
 * The pipeline topics ({@code coverage-requests}, {@code chunks} and its retry tiers, {@code bars},
 * {@code chunk-events}, {@code job-commands} and their DLQs) are keyed by series {@code SYMBOL:tf},
 * so one series always shares a partition across them. The others are keyed by what identifies
 * their record: {@code job-progress} by job id, {@code chunk-cancellations} by chunk key
 * {@code SYMBOL:tf:yyyy-mm-dd}, {@code schedules} by schedule name. Requests stay raw bytes on the
 * way in so that a malformed record can reach the dead-letter topic exactly as it was sent.
 * docs/DESIGN.md lists every topic.
 */
public final class Topics {
    public static final String DEFAULT_PREFIX = "barfill.";
    /**
     * How a coverage request is written to {@code coverage-requests} by the API and the planner
     * (schedules, re-routing); the planner reads the topic as bytes and decodes strictly itself.
     */
    public static final JsonSerde<CoverageRequest> REQUEST_VALUES = new JsonSerde<>(CoverageRequest.class);
    private static final Duration DAY = Duration.ofDays(1);
    /** A day of 1m bars is about 40 KB of JSON; a week of 1m from a coalesced fetch stays far below. */
    private static final int BARS_MAX_BYTES = 8 * 1024 * 1024;

    private final String prefix;
    private final int partitions;

    /**
     * Read as raw bytes (see above); written as JSON by {@link #REQUEST_VALUES}, through
     * {@link #coverageRequest}.
     */
    public final Topic<String, byte[]> coverageRequests;
    public final Topic<String, byte[]> coverageRequestsDlq;
    public final Topic<String, ChunkTask> chunks;
    public final Topic<String, ChunkTask> chunksDlq;
    public final Topic<String, DayBars> bars;
    public final Topic<String, ChunkEvent> chunkEvents;
    public final Topic<String, JobProgress> jobProgress;
    /** Orders about jobs (cancel), keyed by the job's series key like the planner's other inputs. */
    public final Topic<String, JobCommand> jobCommands;
    /** Cancelled flights of days, keyed by chunk key; kept as long as chunks are, compacted meanwhile. */
    public final Topic<String, ChunkCancellation> chunkCancellations;
    /**
     * Records of {@code bars} the sink refused (refused by the database, undecodable, or a day that
     * cannot be written), exactly as read, with the reason in {@link DeadLetters} headers. Created
     * with every other topic by {@link #all()}; as large as {@code bars} allows.
     */
    public final Topic<String, byte[]> barsDlq;
    /** Chunk events the planner could not settle, exactly as received, with the reason in headers. */
    public final Topic<String, byte[]> chunkEventsDlq;
    /** Job commands the planner could not carry out, exactly as received, with the reason in headers. */
    public final Topic<String, byte[]> jobCommandsDlq;
    /** Standing coverage rules by name (compacted): see {@link dev.barfill.core.Schedule}. */
    public final Topic<String, Schedule> schedules;
    /** {@code chunks.retry-1..N}: chunks waiting out a backoff tier, oldest tier first. */
    public final List<Topic<String, ChunkTask>> chunksRetry;

    public Topics(String prefix, int partitions) {
        if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' may hold only letters, digits, . _ -");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.prefix = prefix;
        this.partitions = partitions;
        Serde<String> keys = Serdes.String();
        coverageRequests = new Topic<>(name("coverage-requests"), keys, Serdes.ByteArray(),
                TopicSpec.delete(partitions, DAY.multipliedBy(7)));
        coverageRequestsDlq = new Topic<>(name("coverage-requests.dlq"), keys, Serdes.ByteArray(),
                TopicSpec.delete(1, DAY.multipliedBy(30)));
        chunks = new Topic<>(name("chunks"), keys, new JsonSerde<>(ChunkTask.class),
                TopicSpec.delete(partitions, DAY.multipliedBy(7)));
        chunksDlq = new Topic<>(name("chunks.dlq"), keys, new JsonSerde<>(ChunkTask.class),
                TopicSpec.delete(1, DAY.multipliedBy(30)));
        // Seven days, not one: the sink holds its offsets through a database outage, and bars must
        // outlive the longest outage anyone will sit out before they are read.
        bars = new Topic<>(name("bars"), keys, new JsonSerde<>(DayBars.class),
                TopicSpec.delete(partitions, DAY.multipliedBy(7)).withMaxMessageBytes(BARS_MAX_BYTES));
        chunkEvents = new Topic<>(name("chunk-events"), keys, new JsonSerde<>(ChunkEvent.class),
                TopicSpec.delete(partitions, DAY.multipliedBy(7)));
        jobProgress = new Topic<>(name("job-progress"), keys, new JsonSerde<>(JobProgress.class),
                TopicSpec.compact(partitions));
        jobCommands = new Topic<>(name("job-commands"), keys, new JsonSerde<>(JobCommand.class),
                TopicSpec.delete(partitions, DAY.multipliedBy(7)));
        chunkCancellations = new Topic<>(name("chunk-cancellations"), keys, new JsonSerde<>(ChunkCancellation.class),
                TopicSpec.compactAndDelete(partitions, DAY.multipliedBy(7)));
        barsDlq = new Topic<>(name("bars.dlq"), keys, Serdes.ByteArray(),
                TopicSpec.delete(1, DAY.multipliedBy(30)).withMaxMessageBytes(BARS_MAX_BYTES));
        chunkEventsDlq = new Topic<>(name("chunk-events.dlq"), keys, Serdes.ByteArray(),
                TopicSpec.delete(1, DAY.multipliedBy(30)));
        jobCommandsDlq = new Topic<>(name("job-commands.dlq"), keys, Serdes.ByteArray(),
                TopicSpec.delete(1, DAY.multipliedBy(30)));
        schedules = new Topic<>(name("schedules"), keys, new JsonSerde<>(Schedule.class), TopicSpec.compact(partitions));
        chunksRetry = chunksRetry(RETRY_TIERS);
    }

    /** Retry tiers declared by default; a fetcher may use fewer. */
    public static final int RETRY_TIERS = 3;

    /** The retry topics {@code chunks.retry-1..tiers}, keyed and partitioned like {@code chunks}. */
    public List<Topic<String, ChunkTask>> chunksRetry(int tiers) {
        List<Topic<String, ChunkTask>> out = new java.util.ArrayList<>(tiers);
        for (int tier = 1; tier <= tiers; tier++) {
            out.add(new Topic<>(name("chunks.retry-" + tier), Serdes.String(), new JsonSerde<>(ChunkTask.class),
                    TopicSpec.delete(partitions, DAY.multipliedBy(7))));
        }
        return List.copyOf(out);
    }

    /** A request for {@code coverage-requests} under {@code seriesKey}, written by {@link #REQUEST_VALUES}. */
    public ProducerRecord<String, byte[]> coverageRequest(String seriesKey, CoverageRequest request) {
        return coverageRequests.rawRecord(seriesKey, REQUEST_VALUES.serialize(coverageRequests.name(), request), null);
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX, 6);
    }

    public String prefix() {
        return prefix;
    }

    public int partitions() {
        return partitions;
    }

    public String name(String suffix) {
        return prefix + suffix;
    }

    /** Every topic, for creation at start. */
    public List<Topic<?, ?>> all() {
        List<Topic<?, ?>> all = new java.util.ArrayList<>(
                List.of(coverageRequests, coverageRequestsDlq, chunks, chunksDlq, bars, chunkEvents, jobProgress,
                        jobCommands, chunkCancellations, barsDlq, chunkEventsDlq, jobCommandsDlq, schedules));
        all.addAll(chunksRetry);
        return List.copyOf(all);
    }
}

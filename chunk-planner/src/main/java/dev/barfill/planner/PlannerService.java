package dev.barfill.planner;

import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.planner.plan.CoverageLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the planner topology; {@link #close()} leaves state ready for the next start. A stream
 * thread that dies is replaced ({@link StreamThreadPolicy}); when the Streams client itself ends
 * without {@link #close()} being called, {@link #ended()} completes, so the role process can exit
 * non-zero and be restarted.
 */
public final class PlannerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerService.class);

    private final KafkaStreams streams;
    private final PlannerHealth health;
    private final TimeLimitedCoverageLookup lookup;
    private final CompletableFuture<KafkaStreams.State> ended = new CompletableFuture<>();
    private volatile boolean closing;

    public PlannerService(PlannerConfig config, CalendarRegistry calendars, CoverageLookup coverage, Clock clock) {
        CoverageRequestValidator validator = new CoverageRequestValidator(calendars, config.windowSizes(), clock);
        this.health = new PlannerHealth(clock);
        this.lookup = new TimeLimitedCoverageLookup(coverage, config.lookupTimeout());
        this.streams = new KafkaStreams(PlannerTopology.build(config.kafka().topics(), validator, calendars, lookup,
                config.historyLimits(), clock, config.timings(), health, requestPartitions(config)), properties(config));
        StreamThreadPolicy policy = new StreamThreadPolicy(5, Duration.ofMinutes(10), clock);
        streams.setUncaughtExceptionHandler(e -> {
            StreamThreadExceptionResponse response = policy.onDeath();
            LOG.error("a planner stream thread died; {}", response, e);
            return response;
        });
        streams.setStateListener((now, before) -> {
            if ((now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) && !closing) {
                LOG.error("the planner's Kafka Streams client ended ({} after {}) without being closed", now, before);
                ended.complete(now);
            }
        });
    }

    /** Partitions of {@code coverage-requests} as the cluster has them; 0 (no check) when it cannot tell. */
    private static int requestPartitions(PlannerConfig config) {
        String topic = config.kafka().topics().coverageRequests.name();
        try (Admin admin = Admin.create(KafkaClients.admin(config.kafka()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (Exception e) {
            LOG.warn("cannot read the partitions of {} ({}); requests from non-Java producers may be planned on"
                    + " the wrong task", topic, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    static Properties properties(PlannerConfig config) {
        // The connection settings (security protocol, SASL) reach the Streams client's own producers,
        // consumers and admin client.
        Properties p = KafkaClients.connection(config.kafka());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        p.put(StreamsConfig.producerPrefix("max.request.size"), Integer.toString(8 * 1024 * 1024));
        // Downstream reads committed: a chunk or a job's progress is seen only after the commit, which
        // a request waits for twice (its chunks, then its last event). 50 ms instead of exactly-once's
        // 100 ms halves that wait; the commits stay cheap next to the work (./barfill bench planner).
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50");
        // Kafka Streams commits only after a poll returns, and a poll with nothing to read waits poll.ms
        // (100 ms by default): the last records of a burst (a request's last chunks, a job's last
        // progress) waited that long for their commit. ./barfill bench single measures both values.
        p.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(config.pollInterval().toMillis()));
        // Records of different input topics (requests, events, commands) need no timestamp order between
        // them. With idling enabled, Kafka Streams checks every task for empty partitions before each
        // record and formats a log line when one is: a tenth of the planner's CPU per event.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        // A planner that died without leaving the group holds its partitions until this runs out.
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "10000");
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "2000");
        return p;
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Streams client, for its metrics. */
    public KafkaStreams streams() {
        return streams;
    }

    /** UP, or DEGRADED with the last error while coverage lookups fail. */
    public PlannerHealth health() {
        return health;
    }

    /** Completes with the final state when the Streams client ends without {@link #close()}. */
    public CompletableFuture<KafkaStreams.State> ended() {
        return ended;
    }

    @Override
    public void close() {
        closing = true;
        // Leaving the group lets the next instance take the partitions at once instead of after a timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        lookup.close();
    }
}

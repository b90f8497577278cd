package dev.barfill.planner;

import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.planner.plan.CoverageLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Runs the planner topology; {@link #close()} leaves state ready for the next start. */
public final class PlannerService implements AutoCloseable {
    private final KafkaStreams streams;

    public PlannerService(PlannerConfig config, CalendarRegistry calendars, CoverageLookup coverage, Clock clock) {
        CoverageRequestValidator validator = new CoverageRequestValidator(calendars, config.maxWindowDays(), clock);
        this.streams = new KafkaStreams(
                PlannerTopology.build(config.kafka().topics(), validator, calendars, coverage, config.historyLimits(), clock),
                properties(config));
    }

    static Properties properties(PlannerConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        // A malformed chunk event is our own bug, not a reason to stop planning for everyone.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.producerPrefix("max.request.size"), Integer.toString(8 * 1024 * 1024));
        // A planner that died without leaving the group holds its partitions until this runs out.
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "10000");
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "2000");
        p.put("processing.exception.handler.global.enabled", "true");
        return p;
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leaving the group lets the next instance take the partitions at once instead of after a timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}

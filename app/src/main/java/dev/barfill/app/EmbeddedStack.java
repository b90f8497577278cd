package dev.barfill.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.ApiConfig;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.app.simulator.SimulatorProfile;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.time.Clocks;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: an in-process KRaft broker, an embedded PostgreSQL, the provider
 * simulator and all four roles in this JVM, with state under one data directory. A Kafka cluster
 * or a PostgreSQL database given in the options is used instead of embedding one: only what is not
 * given is embedded. Closing it stops everything in reverse order, PostgreSQL included.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    /**
     * @param apiPort           REST port, 0 for any free one
     * @param simulatorLatency  delay of every simulated provider answer
     * @param partitions        partitions of the keyed topics
     * @param simulatorFaults   faults the simulator injects (their latency is replaced by {@code simulatorLatency})
     * @param fetcher           changes to the fetcher's default settings (retry tiers, rate limits)
     * @param clock             the one clock every role reads: "today", history limits, settle and retry times
     * @param apiHost           address the REST API binds: loopback unless a user asks for more
     * @param kafka             the user's cluster; empty (the default) embeds a broker with {@code partitions}
     * @param database          the user's database; empty (the default) embeds PostgreSQL, using schema
     *                          {@value DatabaseSettings#DEFAULT_SCHEMA} as any database does by default
     * @param simulatorProfile  how the simulator behaves: kind (the default) or realistic
     */
    public record Options(int apiPort, Duration simulatorLatency, int partitions, SimulatorFaults simulatorFaults,
                          UnaryOperator<FetcherConfig> fetcher, Clock clock, String apiHost,
                          Optional<KafkaSettings> kafka, Optional<DatabaseSettings> database,
                          SimulatorProfile simulatorProfile, UnaryOperator<PlannerConfig> planner) {
        public Options(int apiPort, Duration simulatorLatency, int partitions, SimulatorFaults simulatorFaults,
                       UnaryOperator<FetcherConfig> fetcher, Clock clock, String apiHost,
                       Optional<KafkaSettings> kafka, Optional<DatabaseSettings> database,
                       SimulatorProfile simulatorProfile) {
            this(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost, kafka, database,
                    simulatorProfile, UnaryOperator.identity());
        }

        public Options(int apiPort, Duration simulatorLatency, int partitions, SimulatorFaults simulatorFaults,
                       UnaryOperator<FetcherConfig> fetcher, Clock clock, String apiHost,
                       Optional<KafkaSettings> kafka, Optional<DatabaseSettings> database) {
            this(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost, kafka, database,
                    SimulatorProfile.KIND);
        }


        public Options(int apiPort, Duration simulatorLatency, int partitions) {
            this(apiPort, simulatorLatency, partitions, SimulatorFaults.none(simulatorLatency), UnaryOperator.identity());
        }

        /** Options on the process clock ({@link Clocks#fromEnvironment()}: real time unless an offset is set). */
        public Options(int apiPort, Duration simulatorLatency, int partitions, SimulatorFaults simulatorFaults,
                       UnaryOperator<FetcherConfig> fetcher) {
            this(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, Clocks.fromEnvironment(),
                    ApiConfig.LOOPBACK, Optional.empty(), Optional.empty());
        }

        public Options withClock(Clock clock) {
            return new Options(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost, kafka,
                    database, simulatorProfile, planner);
        }

        public Options withApiHost(String host) {
            return new Options(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, host, kafka,
                    database, simulatorProfile, planner);
        }

        /** Uses this cluster instead of embedding a broker. */
        public Options withKafka(KafkaSettings cluster) {
            return new Options(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost,
                    Optional.of(cluster), database, simulatorProfile, planner);
        }

        /** Uses this database instead of embedding PostgreSQL. */
        public Options withDatabase(DatabaseSettings db) {
            return new Options(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost, kafka,
                    Optional.of(db), simulatorProfile, planner);
        }

        public Options withSimulatorProfile(SimulatorProfile profile) {
            return new Options(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost, kafka,
                    database, profile, planner);
        }

        /** Changes to the planner's default settings (its poll interval, in the benchmarks). */
        public Options withPlanner(UnaryOperator<PlannerConfig> change) {
            return new Options(apiPort, simulatorLatency, partitions, simulatorFaults, fetcher, clock, apiHost, kafka,
                    database, simulatorProfile, change);
        }

        public static Options defaults() {
            return new Options(0, Duration.ofMillis(50), 6);
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;
    private KafkaSettings kafka;
    private HikariDataSource pool;
    private YahooSimulator simulator;
    private Roles roles;

    private EmbeddedStack() {
    }

    public static EmbeddedStack start(Path dataDir, Options options) {
        return create().begin(dataDir, options);
    }

    /**
     * A stack not started yet. A process registers its {@link #close()} as a shutdown hook before
     * {@link #begin}: a signal during start-up then still stops what had started, PostgreSQL
     * (a separate process) included.
     */
    public static EmbeddedStack create() {
        return new EmbeddedStack();
    }

    public EmbeddedStack begin(Path dataDir, Options options) {
        try {
            startAll(dataDir.toAbsolutePath(), options);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll(Path dataDir, Options options) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        Ports ports = new Ports(dataDir);
        long t0 = System.nanoTime();
        DatabaseSettings db = options.database().orElseGet(() -> {
            EmbeddedDatabase embedded = track(EmbeddedDatabase.start(dataDir.resolve("postgres"), ports.get("postgres")));
            return new DatabaseSettings(embedded.jdbcUrl(), embedded.user(), "", 16);
        });
        kafka = options.kafka().orElseGet(() -> {
            EmbeddedKafka embedded = track(EmbeddedKafka.start(dataDir.resolve("kafka"), ports.get("kafka"),
                    ports.get("kafka-controller")));
            return new KafkaSettings(embedded.bootstrapServers(), "barfill.", options.partitions(), (short) 1);
        });
        LOG.info("Kafka on {} ({}) and PostgreSQL at {} schema {} ({}) up in {} ms", kafka.bootstrapServers(),
                options.kafka().isPresent() ? "given" : "embedded", withoutParameters(db.jdbcUrl()), db.schema(),
                options.database().isPresent() ? "given" : "embedded", (System.nanoTime() - t0) / 1_000_000);
        if (!options.clock().equals(Clock.systemUTC())) {
            LOG.warn("the roles run on a shifted clock: now is {} for them", options.clock().instant());
        }
        pool = track(Database.pool(db, "barfill"));
        if (options.database().isEmpty()) {
            // The embedded database is barfill's alone: a data dir of an earlier version keeps its bars.
            Migrations.adoptEarlierTables(pool);
        }
        // One process, every role: it owns the migrations, as the sink does when it runs alone.
        Migrations.migrate(pool);
        CalendarRegistry calendars = CalendarRegistry.defaults();
        try {
            simulator = track(new YahooSimulator(new SimulatedMarket(calendars), options.simulatorFaults().withLatency(options.simulatorLatency()), 0)
                    .withProfile(options.simulatorProfile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the provider simulator", e);
        }
        roles = track(Roles.start(new Roles.Settings(kafka, pool, simulator.baseUrl(),
                dataDir.resolve("streams"), ApiConfig.defaults(options.apiPort()).withHost(options.apiHost())
                .withAuth(dev.barfill.api.auth.AuthSettings.fromEnvironment(System.getenv())), options.fetcher(),
                options.planner()),
                calendars, options.clock()));
    }

    /** A JDBC URL without its query, where a password may hide. */
    static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private synchronized <T extends AutoCloseable> T track(T resource) {
        if (closed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
            throw new IllegalStateException("stopped during start-up");
        }
        started.push(resource);
        return resource;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + roles.apiPort();
    }

    public HikariDataSource dataSource() {
        return pool;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public YahooSimulator simulator() {
        return simulator;
    }

    public Roles roles() {
        return roles;
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            long t0 = System.nanoTime();
            try {
                next.close();
                LOG.info("closed {} in {} ms", next.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

package dev.barfill.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.ApiConfig;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;

/**
 * The embedded stack built by hand so a fault test can stop and start its parts: the broker and
 * PostgreSQL of a {@link TestInfrastructure} (ports that stay the same across restarts), the
 * provider simulator, every role in one {@link Roles} (so {@code /health/ready} covers the planner
 * and the sink), and extra fetchers that join and leave the group. Every role reads time from
 * {@link RecentSessions#clock()}, the process clock the tests pick their windows with.
 */
final class FaultStack implements AutoCloseable {
    /**
     * @param partitions  partitions of the keyed topics
     * @param faults      what the simulator does wrong
     * @param providerUrl from the simulator's URL, the URL the fetchers call (a proxy in front of it)
     * @param fetcher     changes to the fetcher's default settings
     */
    record Options(int partitions, SimulatorFaults faults, UnaryOperator<String> providerUrl,
                   UnaryOperator<FetcherConfig> fetcher) {
        static Options defaults() {
            return new Options(3, SimulatorFaults.none(Duration.ofMillis(20)), UnaryOperator.identity(),
                    UnaryOperator.identity());
        }

        Options withFaults(SimulatorFaults newFaults) {
            return new Options(partitions, newFaults, providerUrl, fetcher);
        }

        Options withProviderUrl(UnaryOperator<String> newUrl) {
            return new Options(partitions, faults, newUrl, fetcher);
        }

        Options withFetcher(UnaryOperator<FetcherConfig> newFetcher) {
            return new Options(partitions, faults, providerUrl, newFetcher);
        }
    }

    private final Path dir;
    private final Deque<AutoCloseable> extras = new ArrayDeque<>();
    private final CalendarRegistry calendars = CalendarRegistry.defaults();
    private final Clock clock = RecentSessions.clock();
    private TestInfrastructure infra;
    private YahooSimulator simulator;
    private KafkaSettings settings;
    private FetcherConfig fetcherConfig;
    private Roles roles;

    private FaultStack(Path dir) {
        this.dir = dir;
    }

    static FaultStack start(Path dir, Options options) {
        FaultStack stack = new FaultStack(dir);
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options) {
        // Fail fast while PostgreSQL is away, so an outage shows as errors to retry, not one long wait.
        infra = TestInfrastructure.start(dir, TestInfrastructure.Options.defaults().withPoolSize(16).failingFast());
        try {
            simulator = new YahooSimulator(new SimulatedMarket(calendars), options.faults(), 0).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the provider simulator", e);
        }
        settings = new KafkaSettings(infra.bootstrapServers(), "barfill.", options.partitions(), (short) 1);
        String providerUrl = options.providerUrl().apply(simulator.baseUrl());
        fetcherConfig = options.fetcher().apply(FetcherConfig.defaults(settings, providerUrl));
        roles = Roles.start(new Roles.Settings(settings, infra.pool(), providerUrl, dir.resolve("streams"),
                ApiConfig.defaults(0), c -> fetcherConfig), calendars, clock);
    }

    void startDatabase() {
        infra.startDatabase();
    }

    void stopDatabase() {
        infra.stopDatabase();
    }

    void startKafka() {
        infra.restartKafka();
    }

    void stopKafka() {
        infra.stopKafka();
    }

    /** One more fetcher in the group, with the same settings as the first; {@link Roles#close()} makes it leave. */
    Roles addFetcher() {
        Roles fetcher = Roles.startFetcher(fetcherConfig, calendars, clock);
        extras.push(fetcher);
        return fetcher;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + roles.apiPort();
    }

    ApiClient api() {
        return new ApiClient(apiUrl());
    }

    HikariDataSource dataSource() {
        return infra.pool();
    }

    String bootstrapServers() {
        return infra.bootstrapServers();
    }

    int kafkaPort() {
        return infra.kafkaPort();
    }

    KafkaSettings kafkaSettings() {
        return settings;
    }

    FetcherConfig fetcherConfig() {
        return fetcherConfig;
    }

    YahooSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        while (!extras.isEmpty()) {
            quietly(extras.pop());
        }
        for (AutoCloseable c : new AutoCloseable[] {roles, simulator, infra}) {
            quietly(c);
        }
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort: the temp dir goes anyway
        }
    }
}

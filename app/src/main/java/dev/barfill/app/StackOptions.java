package dev.barfill.app;

import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.fetcher.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that start the embedded stack. */
public final class StackOptions {
    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Where Kafka, PostgreSQL and Streams keep their state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--simulator-latency-ms", defaultValue = "50",
            description = "Delay of every simulated provider answer, in ms (default: ${DEFAULT-VALUE}).")
    long simulatorLatencyMs;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of the keyed topics when they are created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--simulator-failure-rate", defaultValue = "0",
            description = "Share of simulated provider requests that fail (429, 503, hang, malformed JSON), 0 to 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double simulatorFailureRate;

    @Option(names = "--simulator-rate-limit", defaultValue = "0",
            description = "Requests per minute the simulator accepts before answering 429; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int simulatorRateLimit;

    @Option(names = "--fetcher-requests-per-minute", defaultValue = "6000",
            description = "Requests per minute the fetcher allows itself against the simulator (default: ${DEFAULT-VALUE}).")
    int fetcherRequestsPerMinute;

    EmbeddedStack start(int apiPort) {
        return start(apiPort, dev.barfill.api.ApiConfig.LOOPBACK);
    }

    EmbeddedStack start(int apiPort, String apiHost) {
        if (simulatorLatencyMs < 0) {
            throw new IllegalArgumentException("--simulator-latency-ms must not be negative");
        }
        System.setProperty("barfill.log.file", dataDir.toAbsolutePath().resolve("barfill.log").toString());
        Duration latency = Duration.ofMillis(simulatorLatencyMs);
        SimulatorFaults faults = SimulatorFaults.failing(latency, simulatorFailureRate, Duration.ofSeconds(40))
                .withRateLimit(simulatorRateLimit);
        EmbeddedStack stack = EmbeddedStack.create();
        // PostgreSQL outlives a JVM that does not stop it: close on exit, even during start-up.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "barfill-shutdown"));
        return stack.begin(dataDir, new EmbeddedStack.Options(apiPort, latency, partitions, faults,
                f -> f.withProviders(List.of(ProviderSettings.simulator(f.providers().get(0).baseUrl(),
                        fetcherRequestsPerMinute)))).withApiHost(apiHost));
    }
}

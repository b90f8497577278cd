package dev.barfill.app;

import java.nio.file.Path;
import java.time.Duration;
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

    EmbeddedStack start(int apiPort) {
        if (simulatorLatencyMs < 0) {
            throw new IllegalArgumentException("--simulator-latency-ms must not be negative");
        }
        System.setProperty("barfill.log.file", dataDir.toAbsolutePath().resolve("barfill.log").toString());
        EmbeddedStack stack = EmbeddedStack.create();
        // PostgreSQL outlives a JVM that does not stop it: close on exit, even during start-up.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "barfill-shutdown"));
        return stack.begin(dataDir, new EmbeddedStack.Options(apiPort, Duration.ofMillis(simulatorLatencyMs), partitions));
    }
}

package dev.barfill.app;

import static org.awaitility.Awaitility.await;

import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A Kafka broker as its own operating-system process, started the way Kafka's own scripts start
 * one: {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka server.properties}, from the
 * {@code kafka_2.13} artifact on this test's class path. Nothing of it runs in the test's JVM.
 */
final class StandaloneBroker implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private StandaloneBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static StandaloneBroker start(Path dir) throws IOException, InterruptedException {
        int port = Ports.free();
        Properties props = EmbeddedKafka.properties(dir.resolve("logs"), port, Ports.free());
        Files.createDirectories(dir.resolve("logs"));
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "standalone broker of a test");
        }
        Path log = dir.resolve("broker.log");
        Process format = java(log, "kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString(), "-c",
                config.toString(), "--standalone");
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("StorageTool format failed: " + Files.readString(log));
        }
        StandaloneBroker broker = new StandaloneBroker(java(log, "kafka.Kafka", config.toString()), port, log);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            await("the standalone broker answers").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .failFast("the broker died: see " + log, () -> !broker.process.isAlive())
                    .ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
        return broker;
    }

    private static Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM: Kafka's controlled shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

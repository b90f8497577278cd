package dev.barfill.app;

import dev.barfill.core.time.Clocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code barfill} in a JVM of its own, on this test's class path, with its output in a log file:
 * the only honest way to kill it the way an operating system does ({@link #kill()} is SIGKILL:
 * no shutdown hook, no clean close, no offset commit, no transaction commit).
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(Path log, String... args) throws IOException {
        return start(log, java.util.Map.of(), args);
    }

    /** With these extra environment variables, e.g. {@code BARFILL_KAFKA_BOOTSTRAP_SERVERS}. */
    static ChildJvm start(Path log, java.util.Map<String, String> env, String... args) throws IOException {
        return start(log, null, env, args);
    }

    /** Started in {@code workDir} (null: this test's), where relative paths such as {@code ./data} resolve. */
    static ChildJvm start(Path log, Path workDir, java.util.Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dbarfill.log.level=INFO");
        // Kafka Streams' task states and restore progress ("position=19, end=21"): what a stuck planner's log must show.
        command.add("-Dbarfill.streams.log.level=INFO");
        // The child runs on the same shifted clock as this test, however the offset was given.
        String offset = System.getProperty(Clocks.PROPERTY);
        if (offset != null) {
            command.add("-D" + Clocks.PROPERTY + "=" + offset);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Role processes serve health on management.port (9464 by default): several on one machine take any free port.
        builder.environment().put("BARFILL_MANAGEMENT_PORT", "0");
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process p = builder.start();
        return new ChildJvm(p, log);
    }

    /** The repository root: the README's commands run from there. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * {@code java -jar app/target/barfill.jar ARGS} from the repository root, as the README runs a
     * role: the packaged jar on its own manifest class path, nothing from this test's.
     */
    static ChildJvm jar(Path log, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m"));
        String offset = System.getProperty(Clocks.PROPERTY);
        if (offset != null) {
            command.add("-D" + Clocks.PROPERTY + "=" + offset);
        }
        command.addAll(List.of("-jar", "app/target/barfill.jar"));
        command.addAll(List.of(args));
        return launch(command, log, env);
    }

    /** Another program on this test's class path, e.g. {@code kafka.Kafka server.properties}. */
    static ChildJvm main(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return launch(command, log, java.util.Map.of());
    }

    private static ChildJvm launch(List<String> command, Path log, java.util.Map<String, String> env) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ChildJvm(builder.start(), log);
    }

    /** The exit code once ended within {@code seconds}; -1 while still running. */
    int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and the exit code; -1 if it did not stop in time. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGTERM: the clean stop, used only to tidy up after a test. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

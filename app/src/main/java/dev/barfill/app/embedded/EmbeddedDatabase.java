package dev.barfill.app.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on a data directory that survives
 * restarts. PostgreSQL runs as its own daemonised process, so after a hard kill of the JVM it may
 * still be running, or may have left a stale {@code postmaster.pid}: both are cleared first.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    // One instance: zonky keeps the binaries it extracted per resolver, for the life of the JVM.
    private static final PgBinaryResolver BINARIES = requiring(DefaultPostgresBinaryResolver.INSTANCE);

    public static EmbeddedDatabase start(Path dir, int port) {
        return launch(dir, port, BINARIES);
    }

    /**
     * Starts PostgreSQL from the binaries {@code binaries} finds for this platform. A platform without
     * them (this build ships the binaries of the machine it was built on, for Linux and macOS on x86-64
     * and arm64) fails with {@link UnsupportedPlatformException}: one sentence naming the way out.
     */
    static EmbeddedDatabase start(Path dir, int port, PgBinaryResolver binaries) {
        return launch(dir, port, requiring(binaries));
    }

    private static EmbeddedDatabase launch(Path dir, int port, PgBinaryResolver binaries) {
        try {
            Files.createDirectories(dir);
            clearLeftovers(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries)
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedDatabase(pg, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
        }
    }

    /**
     * The resolver, failing in one sentence where zonky would fail with its own messages (an
     * {@code IllegalStateException} "Missing embedded postgres binaries" from its default resolver,
     * "No Postgres binary found" for a resolver that finds nothing).
     */
    private static PgBinaryResolver requiring(PgBinaryResolver binaries) {
        return (system, architecture) -> {
            InputStream found;
            try {
                found = binaries.getPgBinary(system, architecture);
            } catch (IllegalStateException e) {
                // zonky 2.x: "Missing embedded postgres binaries"; anything else (duplicates) is not ours to rephrase.
                if (e.getMessage() == null || !e.getMessage().startsWith("Missing")) {
                    throw e;
                }
                found = null;
            }
            if (found == null) {
                throw new UnsupportedPlatformException(system, architecture);
            }
            return found;
        };
    }

    /** This build holds no PostgreSQL binaries for the running platform. */
    public static final class UnsupportedPlatformException extends IllegalStateException {
        UnsupportedPlatformException(String system, String architecture) {
            super("barfill cannot embed PostgreSQL on this platform (" + system + " " + architecture
                    + ": no PostgreSQL binaries for it in this build), so give it yours: --db-url"
                    + " jdbc:postgresql://HOST:5432/DATABASE --db-user USER --db-password-file FILE"
                    + " (or db.url, db.user, db.password in --config FILE)");
        }
    }

    /** Stops a PostgreSQL left running by a killed JVM and removes a stale pid file. */
    static void clearLeftovers(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                        .filter(EmbeddedDatabase::isPostgres);
        if (server.isPresent()) {
            LOG.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier run", server.get().pid(), dir);
            // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM.
            server.get().destroy();
            try {
                server.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                server.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}

package dev.barfill.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real parts an integration test runs against: an in-process KRaft broker and an embedded
 * PostgreSQL, each on a port kept in {@code dir} so it can be stopped and started again on the same
 * data (an outage), and a pool on the migrated schema. {@link #close()} stops what is running,
 * whatever a test stopped and started on the way.
 */
final class TestInfrastructure implements AutoCloseable {
    /**
     * @param poolSize          connections of the pool
     * @param connectionTimeout how long the pool waits for a connection; short in outage tests, so
     *                          an outage shows as errors to retry rather than one long wait
     */
    record Options(int poolSize, Duration connectionTimeout) {
        static Options defaults() {
            return new Options(8, Duration.ofSeconds(30));
        }

        /** Connections given up after 2 s, for tests that stop PostgreSQL. */
        Options failingFast() {
            return new Options(poolSize, Duration.ofSeconds(2));
        }

        Options withPoolSize(int size) {
            return new Options(size, connectionTimeout);
        }
    }

    private final Path dir;
    private final Ports ports;
    private EmbeddedDatabase database;
    private EmbeddedKafka kafka;
    private HikariDataSource pool;

    private TestInfrastructure(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        this.ports = new Ports(dir);
    }

    /** Starts PostgreSQL, migrates it, and starts the broker. */
    static TestInfrastructure start(Path dir, Options options) {
        TestInfrastructure infra = new TestInfrastructure(dir);
        try {
            infra.startDatabase();
            infra.startKafka();
            infra.pool = Database.pool(new DatabaseSettings(infra.database.jdbcUrl(), infra.database.user(), "",
                    options.poolSize()), "test-" + dir.getFileName());
            infra.pool.getHikariConfigMXBean().setConnectionTimeout(options.connectionTimeout().toMillis());
            Migrations.migrate(infra.pool);
            return infra;
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    static TestInfrastructure start(Path dir) {
        return start(dir, Options.defaults());
    }

    void startDatabase() {
        database = EmbeddedDatabase.start(dir.resolve("postgres"), ports.get("postgres"));
    }

    void stopDatabase() {
        database.close();
    }

    void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), ports.get("kafka"), ports.get("kafka-controller"));
    }

    /** Starts the broker this process stopped again, under the roles still running (a broker restart). */
    void restartKafka() {
        kafka = EmbeddedKafka.restart(dir.resolve("kafka"), ports.get("kafka"), ports.get("kafka-controller"));
    }

    void stopKafka() {
        kafka.close();
    }

    /** Settings for topics under {@code prefix}, every one of them created. */
    KafkaSettings topics(String prefix, int partitions) {
        KafkaSettings settings = new KafkaSettings(bootstrapServers(), prefix, partitions, (short) 1);
        Roles.ensureTopics(settings);
        return settings;
    }

    /** The broker's address, the same across restarts. */
    String bootstrapServers() {
        return "127.0.0.1:" + ports.get("kafka");
    }

    int kafkaPort() {
        return ports.get("kafka");
    }

    /** PostgreSQL's JDBC URL, the same across restarts. */
    String jdbcUrl() {
        return database.jdbcUrl();
    }

    HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {pool, kafka, database}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception ignored) {
                // Best effort: a part a test already stopped may refuse a second stop; the temp dir goes anyway.
            }
        }
    }
}

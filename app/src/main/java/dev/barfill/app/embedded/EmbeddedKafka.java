package dev.barfill.app.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in this JVM, in KRaft mode (one node that is broker and
 * controller), keeping its logs under a data directory so a restart keeps every topic.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedKafka.class);
    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on the given ports, formatting {@code dir} on first use. */
    public static EmbeddedKafka start(Path dir, int port, int controllerPort) {
        return start(dir, port, properties(dir.resolve("logs"), port, controllerPort), Map.of(), true);
    }

    /**
     * Starts again a broker this process stopped while its clients kept running. Their transactions
     * are live, owned by coordinators that finish or time them out, so nothing is checked for
     * hanging transactions: a check racing with the coordinators' loading once aborted a running
     * planner's transaction, and the job-progress records in it were lost.
     */
    public static EmbeddedKafka restart(Path dir, int port, int controllerPort) {
        return start(dir, port, properties(dir.resolve("logs"), port, controllerPort), Map.of(), false);
    }

    /**
     * A broker whose client listener requires SASL/PLAIN ({@code SASL_PLAINTEXT}) with these users
     * and passwords; the broker itself logs in as the first one.
     */
    public static EmbeddedKafka startWithSasl(Path dir, int port, int controllerPort, Map<String, String> users) {
        Map.Entry<String, String> broker = users.entrySet().iterator().next();
        return start(dir, port, saslProperties(dir.resolve("logs"), port, controllerPort, users),
                saslClient(broker.getKey(), broker.getValue()), true);
    }

    /**
     * @param client       the settings a client of this broker needs besides its address (SASL), for the start-up check
     * @param checkHanging whether a start on an existing data dir looks for transactions left open by a
     *                     killed process: a new process's start, before any of its clients runs
     */
    private static EmbeddedKafka start(Path dir, int port, Properties props, Map<String, String> client,
                                       boolean checkHanging) {
        int controllerPort = Integer.parseInt(props.getProperty("controller.quorum.bootstrap.servers").replaceAll(".*:", ""));
        for (int p : new int[] {port, controllerPort}) {
            if (Ports.inUse(p)) {
                throw new IllegalStateException("port " + p + " of the embedded Kafka broker is taken: is another"
                        + " barfill running on " + dir.getParent() + "? Stop it, or delete ports.properties there");
            }
        }
        Path logs = dir.resolve("logs");
        boolean restart = Files.exists(logs.resolve("meta.properties"));
        try {
            Files.createDirectories(logs);
            if (!restart) {
                format(dir, props);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(server, port);
        if (restart && checkHanging) {
            kafka.abortHangingTransactions(client);
        }
        return kafka;
    }

    /**
     * On a restart, before any client of this process runs: a broker killed with its process can
     * come back holding a transaction no coordinator will finish ({@link HangingTransactions}).
     */
    private void abortHangingTransactions(Map<String, String> client) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put("bootstrap.servers", bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            for (HangingTransactions.OpenTransaction t : HangingTransactions.abortAll(admin)) {
                LOG.warn("aborted a transaction left open by a killed process that no coordinator would finish: {}-{}"
                        + " from offset {} (producer {}, epoch {})", t.topic(), t.partition(), t.startOffset(),
                        t.producerId(), t.producerEpoch());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for hanging transactions", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // The broker itself is up: a check that fails must not keep everything else from starting.
            LOG.warn("could not check the restarted Kafka broker for hanging transactions ({}); a planner that"
                    + " stays RESTORING may be held by one: see docs/OPERATIONS.md", e.getCause().toString());
        }
    }

    /**
     * The server.properties of a one-node KRaft cluster (broker and controller) on loopback: this
     * broker's, and that of a standalone {@code kafka.Kafka} a test starts as its own process.
     */
    public static Properties properties(Path logs, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", logs.toString());
        // One node: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", Integer.toString(8 * 1024 * 1024 + 1024));
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }

    /**
     * {@link #properties} with the client listener on SASL_PLAINTEXT, mechanism PLAIN, for these
     * users (the controller listener stays plain text on loopback); the broker talks to itself as the
     * first user. A server.properties for {@code kafka.Kafka} as well.
     */
    public static Properties saslProperties(Path logs, int port, int controllerPort, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL broker needs at least one user");
        }
        Properties p = properties(logs, port, controllerPort);
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        Map.Entry<String, String> broker = users.entrySet().iterator().next();
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
                .append(" username=\"").append(broker.getKey()).append("\" password=\"").append(broker.getValue()).append('"');
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
        return p;
    }

    /** The client settings of a user of a {@link #saslProperties} broker, as {@code kafka.client.*} takes them. */
    public static Map<String, String> saslClient(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";");
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "embedded broker");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
            config.toString(), "--standalone"}, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka log dir failed: " + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}

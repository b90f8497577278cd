package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" for one role, on a cluster that requires SASL/PLAIN: {@code java -jar
 * app/target/barfill.jar fetcher --set management.port=P ...} with its credentials in
 * {@code kafka.client.*} (the JAAS line read from a file) joins its groups, answers
 * {@code /health/ready} 200 and serves JVM, Kafka consumer and barfill meters at {@code /metrics};
 * the password never reaches its log, and the health check of docker-compose.yml passes against it
 * (and fails once it stopped). The same fetcher with a wrong password is refused by the
 * broker: the client settings are what let it in.
 */
@Timeout(180)
class SaslFetcherRoleIT {
    private static final String PASSWORD = "fetcher-secret-42";

    @TempDir
    Path dir;
    private EmbeddedKafka kafka;
    private ChildJvm fetcher;

    @AfterEach
    void stop() throws Exception {
        if (fetcher != null) {
            fetcher.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldServeReadinessAndMetricsOfAFetcherThatReachesASaslClusterThroughItsClientSettings() throws Exception {
        int port = Ports.free();
        java.util.LinkedHashMap<String, String> users = new java.util.LinkedHashMap<>();
        users.put("broker", "broker-secret");
        users.put("barfill", PASSWORD);
        kafka = EmbeddedKafka.startWithSasl(dir.resolve("kafka"), port, Ports.free(), users);
        Path jaas = dir.resolve("kafka-jaas.conf");
        Files.writeString(jaas, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"barfill\""
                + " password=\"" + PASSWORD + "\";\n");
        int management = Ports.free();

        fetcher = ChildJvm.jar(dir.resolve("fetcher.log"), Map.of(), fetcherArgs(port, management, jaas));

        Management endpoints = new Management(management);
        await("the fetcher ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .failFast("the fetcher exited", () -> !fetcher.isAlive())
                .until(() -> endpoints.ready() == 200);
        assertThat(endpoints.get("/health/ready").body()).contains("fetcher-consumers", "partition(s) assigned");
        assertThat(endpoints.get("/health/live").status()).isEqualTo(200);
        String metrics = endpoints.metrics();
        assertThat(metrics).contains("jvm_memory_used_bytes", "kafka_consumer_", "barfill_provider_latency_seconds",
                "kafka_producer_");
        assertThat(ComposeHealthcheck.run(management)).as("the compose health check").isZero();
        assertThat(fetcher.output()).contains("kafka.client.sasl.jaas.config=**** (flag)",
                "kafka.client.security.protocol=SASL_PLAINTEXT (flag)").doesNotContain(PASSWORD);

        Path wrong = dir.resolve("wrong-jaas.conf");
        Files.writeString(wrong, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"barfill\""
                + " password=\"not-it\";\n");
        ChildJvm refused = ChildJvm.jar(dir.resolve("refused.log"), Map.of(), fetcherArgs(port, Ports.free(), wrong));
        assertThat(refused.waitFor(120)).as(refused.output()).isPositive();
        assertThat(refused.output()).contains("error: cannot create topics", "Authentication failed").doesNotContain("not-it");
        // A role logs Kafka's own warnings (the all-in-one commands keep them at ERROR).
        assertThat(refused.output()).containsPattern("WARN .*o\\.a\\.k\\.");

        assertThat(fetcher.terminate()).isEqualTo(143);
        assertThat(endpoints.ready()).as("nothing answers once the role stopped").isEqualTo(-1);
        assertThat(ComposeHealthcheck.run(management)).as("the compose health check of a stopped role").isNotZero();
    }

    private static String[] fetcherArgs(int kafkaPort, int managementPort, Path jaas) {
        return new String[] {"fetcher", "--config", "docker/barfill.properties",
            "--set", "management.port=" + managementPort,
            "--set", "kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
            "--set", "kafka.client.security.protocol=SASL_PLAINTEXT",
            "--set", "kafka.client.sasl.mechanism=PLAIN",
            "--set", "kafka.client.sasl.jaas.config-file=" + jaas,
            "--set", "fetcher.provider-url=http://127.0.0.1:9"};
    }
}

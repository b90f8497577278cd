package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.dlq.DlqCommand;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code barfill dlq list|replay} on a real broker: what an operator sees and what goes back. */
@Timeout(300)
class DlqCommandIT {
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static final Topics TOPICS = Topics.defaults();

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free());
        Roles.ensureTopics(KafkaSettings.local(kafka.bootstrapServers()));
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(refused("AAPL:15m", "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\"}", "timeframe: unknown timeframe '7m'"));
            p.send(refused("MSFT:15m", "not json", "not a JSON coverage request")).get();
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static ProducerRecord<String, byte[]> refused(String key, String value, String reason) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(TOPICS.coverageRequestsDlq.name(), key,
                value.getBytes(StandardCharsets.UTF_8));
        r.headers().add("barfill.error.reason", reason.getBytes(StandardCharsets.UTF_8));
        r.headers().add("barfill.error.source", "barfill.coverage-requests/2@17".getBytes(StandardCharsets.UTF_8));
        r.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new DlqCommand());
        cli.setOut(new PrintWriter(out));
        int rc = cli.execute(args);
        assertThat(rc).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void shouldListEveryDeadLetteredRequestWithItsReasonAndSource() {
        String listed = run("list", "--topic", "coverage-requests", "--set",
                "kafka.bootstrap-servers=" + kafka.bootstrapServers());

        assertThat(listed).contains("barfill.coverage-requests.dlq 0@0", "key=AAPL:15m",
                "barfill.error.reason: timeframe: unknown timeframe '7m'",
                "barfill.error.source: barfill.coverage-requests/2@17", "value: not json",
                "2 record(s) in barfill.coverage-requests.dlq");
    }

    @Test
    void shouldReplayTheChosenRecordToItsSourceTopicWithoutTheErrorHeaders() throws Exception {
        String replayed = run("replay", "--topic", "coverage-requests", "--offset", "0@0", "--set",
                "kafka.bootstrap-servers=" + kafka.bootstrapServers());

        assertThat(replayed).contains("replayed barfill.coverage-requests <- barfill.coverage-requests.dlq/0@0",
                "1 record(s) replayed");
        List<ConsumerRecord<String, byte[]>> back = readAll(TOPICS.coverageRequests.name());
        assertThat(back).hasSize(1);
        ConsumerRecord<String, byte[]> r = back.get(0);
        assertThat(r.key()).isEqualTo("AAPL:15m");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"symbol\":\"AAPL\",\"timeframe\":\"7m\"}");
        assertThat(r.headers().lastHeader("barfill.error.reason")).isNull();
        assertThat(new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-abc-def-01");
        assertThat(new String(r.headers().lastHeader("barfill.replayed-from").value(), StandardCharsets.UTF_8))
                .isEqualTo("barfill.coverage-requests.dlq/0@0");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return all;
        }
    }
}

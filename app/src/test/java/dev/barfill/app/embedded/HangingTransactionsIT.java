package dev.barfill.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker restarted with a transaction open on a partition that its coordinator no longer
 * knows (its transaction log is gone, as the planner's last transaction was after a SIGKILL in
 * CrashResumeIT): the embedded broker aborts it on start, so read-committed readers, and a
 * Kafka Streams restore, get past it; what was committed before it stays.
 */
@Timeout(180)
class HangingTransactionsIT {
    private static final String TOPIC = "hanging";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dir;

    @Test
    void shouldAbortOnRestartATransactionNoCoordinatorWillFinishAndKeepWhatWasCommitted() throws Exception {
        Path kafkaDir = dir.resolve("kafka");
        int port = Ports.free();
        int controllerPort = Ports.free();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, port, controllerPort);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k", "committed")).get();
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k", "left open")).get();
                // Closed with the transaction open; the broker goes down before its timeout aborts it.
                producer.close(Duration.ZERO);
            }
            assertThat(lastStable(admin)).as("the open transaction holds the last stable offset back")
                    .isLessThan(end(admin));
        }
        // The coordinator's state goes, as it did for the planner's transaction after a SIGKILL.
        try (Stream<Path> logs = Files.list(kafkaDir.resolve("logs"))) {
            for (Path p : logs.filter(p -> p.getFileName().toString().startsWith("__transaction_state-")).toList()) {
                deleteTree(p);
            }
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, port, controllerPort);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(lastStable(admin)).as("nothing left open").isEqualTo(end(admin));
            assertThat(HangingTransactions.abortAll(admin)).as("a second look finds nothing").isEmpty();
            assertThat(readCommitted(kafka.bootstrapServers())).containsExactly("committed");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "transactional.id", "hanging-test",
                "transaction.timeout.ms", "600000"), new StringSerializer(), new StringSerializer());
    }

    private static long lastStable(Admin admin) throws Exception {
        return admin.listOffsets(Map.of(TP, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get().get(TP).offset();
    }

    private static long end(Admin admin) throws Exception {
        return admin.listOffsets(Map.of(TP, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all().get().get(TP).offset();
    }

    /** Every committed value, read up to the partition's end as a read-committed consumer sees it. */
    private static List<String> readCommitted(String bootstrap) throws Exception {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(TP));
            consumer.seekToBeginning(List.of(TP));
            long end = consumer.endOffsets(List.of(TP)).get(TP);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(TP) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            assertThat(consumer.position(TP)).as("read to the end").isGreaterThanOrEqualTo(end);
        }
        return values;
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.TopicAdmin;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.RetryConsumerLoop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The retry consumer on a real broker: records wait for their not-before time without blocking others. */
@Timeout(180)
class RetryConsumerLoopIT {
    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), Ports.free(), Ports.free());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static ChunkTask task(String symbol, Instant notBefore) {
        ChunkTask first = ChunkTask.first(new ChunkKey(Series.of(symbol, Timeframe.M15), LocalDate.of(2026, 11, 24)),
                List.of("job"), Instant.now());
        return new ChunkTask(first.symbol(), first.timeframe(), first.day(), first.jobIds(), 2, first.plannedAt(),
                notBefore, List.of("attempt 1: HTTP 503"));
    }

    @Test
    void shouldHoldAPartitionUntilItsHeadIsDueWhileOtherPartitionsFlowAndNeverLoseTheGroup() throws Exception {
        Topics topics = new Topics("retry-it.", 2);
        Topic<String, ChunkTask> tier = topics.chunksRetry(1).get(0);
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "retry-it.", 2, (short) 1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, List.of(tier), (short) 1);
        }
        // Due well after max.poll.interval.ms: a loop that slept would lose its partitions and handle twice.
        Instant later = Instant.now().plusSeconds(9);
        try (KafkaProducer<String, ChunkTask> producer = new KafkaProducer<>(
                KafkaClients.durableProducer(settings, "retry-it"), tier.keySerde().serializer(),
                tier.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(tier.name(), 0, "LATE:15m", task("LATE", later))).get();
            producer.send(new ProducerRecord<>(tier.name(), 0, "AFTER:15m", task("AFTER", null))).get();
            producer.send(new ProducerRecord<>(tier.name(), 1, "DUE:15m", task("DUE", Instant.now().minusSeconds(1)))).get();
        }
        Map<String, Instant> handled = new ConcurrentHashMap<>();
        Map<String, Integer> times = new ConcurrentHashMap<>();
        Properties props = KafkaClients.committingConsumer(settings, "retry-it", "retry-it");
        props.put("max.poll.interval.ms", "5000");
        RetryConsumerLoop loop = new RetryConsumerLoop(props, List.of(tier.name()), tier.valueSerde().deserializer(),
                batch -> batch.forEach(r -> {
                    handled.putIfAbsent(r.value().symbol(), Instant.now());
                    times.merge(r.value().symbol(), 1, Integer::sum);
                }), Clock.systemUTC());
        Thread thread = new Thread(loop, "retry-it");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.containsKey("DUE"));
            assertThat(handled).doesNotContainKeys("LATE", "AFTER");

            await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsKey("AFTER"));
            assertThat(handled.get("LATE")).isAfterOrEqualTo(later);
            // The record behind the waiting head waits with it: a partition is handled in order.
            assertThat(handled.get("AFTER")).isAfterOrEqualTo(handled.get("LATE"));
            assertThat(times).containsEntry("LATE", 1).containsEntry("AFTER", 1).containsEntry("DUE", 1);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("retry-it")
                            .partitionsToOffsetAndMetadata().get();
                    assertThat(committed.get(new TopicPartition(tier.name(), 0)).offset()).isEqualTo(2);
                    assertThat(committed.get(new TopicPartition(tier.name(), 1)).offset()).isEqualTo(1);
                });
            }
        } finally {
            loop.close();
            thread.join(10_000);
        }
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.JobProgress;
import dev.barfill.core.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real parts: an in-process KRaft broker, an embedded PostgreSQL, the Yahoo
 * simulator, the four roles, driven over REST.
 */
@Tag("date-sensitive")
@Timeout(300)
class EndToEndIT {
    @TempDir
    static Path dataDir;
    private static EmbeddedStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, Duration.ofMillis(20), 3));
        api = new ApiClient(stack.apiUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldFillTwoSymbolsEndToEndAndAnswerTheRepeatFromStorage() throws Exception {
        List<String> jobIds = CoverageScenario.fillTwoSymbols(api, stack.dataSource());

        assertThat(api.job(jobIds.get(0)).orElseThrow().barsWritten()).isEqualTo(CoverageScenario.BARS_PER_SYMBOL);

        long requestsBefore = requestRecords();
        JsonNode repeat = CoverageScenario.repeatFromStorage(api);
        assertThat(repeat.path("coverageFrom").asText()).isEqualTo(CoverageScenario.FROM.toString());
        assertThat(repeat.path("coverageTo").asText()).isEqualTo(CoverageScenario.TO.toString());
        assertThat(requestRecords()).isEqualTo(requestsBefore).isEqualTo(2);

        Map<String, List<Integer>> seen = progressHistory();
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(jobIds);
        assertThat(seen.values()).allSatisfy(history -> {
            assertThat(history).allMatch(p -> p >= 0 && p <= 100);
            assertThat(history).isSorted();
            assertThat(history.get(history.size() - 1)).isEqualTo(100);
        });
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                "isolation.level", "read_committed"), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    private static long requestRecords() {
        String topic = Topics.defaults().coverageRequests.name();
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every progress value ever published per job, in topic order. */
    private static Map<String, List<Integer>> progressHistory() {
        Topics topics = Topics.defaults();
        String topic = topics.jobProgress.name();
        try (KafkaConsumer<String, JobProgress> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "isolation.level", "read_committed"), new StringDeserializer(),
                topics.jobProgress.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, JobProgress>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return all.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> r.value().progress(), Collectors.toList())));
        }
    }
}

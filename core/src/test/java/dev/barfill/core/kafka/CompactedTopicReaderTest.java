package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class CompactedTopicReaderTest {
    private static final TopicPartition P0 = new TopicPartition("state", 0);

    private record State(String status) {
    }

    @Test
    void shouldSkipAnUndecodableRecordAndKeepReadingTheTable() throws Exception {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions("state", List.of(new PartitionInfo("state", 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>("state", 0, 0, "job-1", utf8("{\"status\":\"RUNNING\"}")));
            consumer.addRecord(new ConsumerRecord<>("state", 0, 1, "job-2", utf8("{\"status\":")));
            consumer.addRecord(new ConsumerRecord<>("state", 0, 2, "job-1", utf8("{\"status\":\"DONE\"}")));
        });
        Topic<String, State> topic = new Topic<>("state", Serdes.String(), new JsonSerde<>(State.class),
                TopicSpec.compact(1));
        Map<String, String> table = new ConcurrentHashMap<>();
        try (CompactedTopicReader<State> reader = new CompactedTopicReader<>(consumer, "test", topic,
                (k, v) -> table.put(k, v.status()))) {
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(reader::caughtUp);
            assertThat(table).containsExactly(Map.entry("job-1", "DONE"));
        }
    }

    @Test
    void shouldKeepReadingAfterACallToTheBrokerTimedOut() throws Exception {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions("state", List.of(new PartitionInfo("state", 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 2L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>("state", 0, 0, "job-1", utf8("{\"status\":\"PLANNED\"}")));
            // A broker busy recovering its logs: this poll times out.
            consumer.setPollException(new TimeoutException("Timeout of 60000ms expired before the position could be determined"));
        });
        consumer.schedulePollTask(() ->
                consumer.addRecord(new ConsumerRecord<>("state", 0, 1, "job-1", utf8("{\"status\":\"DONE\"}"))));
        Topic<String, State> topic = new Topic<>("state", Serdes.String(), new JsonSerde<>(State.class),
                TopicSpec.compact(1));
        Map<String, String> table = new ConcurrentHashMap<>();
        try (CompactedTopicReader<State> reader = new CompactedTopicReader<>(consumer, "test", topic,
                (k, v) -> table.put(k, v.status()))) {
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(reader::caughtUp);
            assertThat(table).containsExactly(Map.entry("job-1", "DONE"));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

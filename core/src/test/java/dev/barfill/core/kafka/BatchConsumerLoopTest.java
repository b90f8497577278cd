package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchConsumerLoopTest {
    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(50));
    /** Values are text; "due@<epoch second>" carries a not-before time; "bad" does not decode. */
    private static final Deserializer<String> TEXT = (topic, bytes) -> {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (s.equals("bad")) {
            throw new IllegalArgumentException("not a value");
        }
        return s;
    };

    private final Map<String, Integer> handledTimes = new ConcurrentHashMap<>();
    private Thread thread;
    private BatchConsumerLoop<String> loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.close();
            thread.join(5_000);
        }
    }

    private static MockConsumer<String, byte[]> consumer() {
        MockConsumer<String, byte[]> c = new MockConsumer<>("earliest");
        c.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        return c;
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset, String value) {
        return new ConsumerRecord<>(TOPIC, tp.partition(), offset, "k", value.getBytes(StandardCharsets.UTF_8));
    }

    private void start(MockConsumer<String, byte[]> consumer, PolledHandler<String> handler,
                       LoopOptions<String> options) {
        loop = new BatchConsumerLoop<>("test", consumer, List.of(TOPIC), TEXT, handler, options);
        thread = new Thread(loop, "loop-test");
        thread.start();
    }

    private void count(List<Polled<String>> batch) {
        batch.forEach(p -> handledTimes.merge(p.partition().partition() + "@" + p.offset(), 1, Integer::sum));
    }

    @Test
    void shouldTellTheAssignmentListenerWhatItHoldsAfterEveryRebalanceWithTheTopicsPartitionCount() {
        MockConsumer<String, byte[]> consumer = consumer();
        consumer.updatePartitions(TOPIC, List.of(
                new org.apache.kafka.common.PartitionInfo(TOPIC, 0, null, null, null),
                new org.apache.kafka.common.PartitionInfo(TOPIC, 1, null, null, null)));
        List<String> heard = new CopyOnWriteArrayList<>();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
        start(consumer, batch -> { }, LoopOptions.<String>defaults().withAssignments((held, partitions) ->
                heard.add(held.stream().map(tp -> Integer.toString(tp.partition())).sorted().toList() + " of "
                        + partitions.get(TOPIC))));

        // The revocation of the last step is heard too: while a rebalance runs, nothing is held.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(heard).containsSubsequence("[0, 1] of 2", "[] of 2", "[1] of 2"));
    }

    @Test
    void shouldNeverCommitPastRecordsPolledAfterARebalanceDuringTheBackoff() {
        MockConsumer<String, byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(record(P0, 0, "a"));
            consumer.addRecord(record(P0, 1, "b"));
        });
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Long> committedPastHandled = new AtomicReference<>();
        start(consumer, batch -> {
            if (calls.incrementAndGet() == 1) {
                // A second member joins while this one backs off: an eager rebalance revokes everything,
                // then assigns P0 again (pause flags cleared) and P1, whose records arrive at once.
                consumer.schedulePollTask(() -> {
                    consumer.rebalance(List.of());
                    consumer.rebalance(List.of(P0, P1));
                    // The mock forgets its records on a rebalance; the broker keeps them.
                    consumer.addRecord(record(P0, 0, "a"));
                    consumer.addRecord(record(P0, 1, "b"));
                    consumer.addRecord(record(P1, 0, "c"));
                    consumer.addRecord(record(P1, 1, "d"));
                    consumer.addRecord(record(P1, 2, "e"));
                });
                throw new IllegalStateException("provider down");
            }
            count(batch);
            consumer.committed(Set.of(P0, P1)).forEach((tp, offset) -> {
                if (offset != null && offset.offset() > handledUpTo(tp)) {
                    committedPastHandled.set(offset.offset());
                }
            });
        }, LoopOptions.<String>defaults().withBackoff(FAST));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(consumer.committed(Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(2))
                        .containsEntry(P1, new OffsetAndMetadata(3)));
        assertThat(handledTimes).containsOnlyKeys("0@0", "0@1", "1@0", "1@1", "1@2");
        assertThat(committedPastHandled.get()).as("a commit passed an unhandled record").isNull();
    }

    private long handledUpTo(TopicPartition tp) {
        long next = 0;
        while (handledTimes.containsKey(tp.partition() + "@" + next)) {
            next++;
        }
        return next;
    }

    @Test
    void shouldPauseANewlyAssignedPartitionWhileBackingOff() {
        MockConsumer<String, byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(record(P0, 0, "a"));
        });
        AtomicReference<Set<TopicPartition>> pausedAfterRebalance = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        start(consumer, batch -> {
            if (calls.incrementAndGet() == 1) {
                consumer.schedulePollTask(() -> {
                    consumer.rebalance(List.of(P0, P1));
                    pausedAfterRebalance.set(Set.copyOf(consumer.paused()));
                });
                throw new IllegalStateException("database down");
            }
            count(batch);
        }, LoopOptions.<String>defaults().withBackoff(new Backoff(Duration.ofMillis(300),
                Duration.ofMillis(300))));

        await().atMost(Duration.ofSeconds(10)).until(() -> handledTimes.containsKey("0@0"));
        assertThat(pausedAfterRebalance.get()).contains(P0, P1);
    }

    @Test
    void shouldKeepTheOffsetsOfAFailedCommitAndCommitThemWithoutHandlingTwice() {
        AtomicInteger commits = new AtomicInteger();
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (commits.incrementAndGet() == 1) {
                    throw new CommitFailedException("the group rebalanced");
                }
                super.commitSync(offsets);
            }
        };
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(record(P0, 0, "a"));
            consumer.addRecord(record(P0, 1, "b"));
        });
        start(consumer, this::count, LoopOptions.defaults());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(2)));
        assertThat(commits.get()).isGreaterThanOrEqualTo(2);
        assertThat(handledTimes).containsExactlyInAnyOrderEntriesOf(Map.of("0@0", 1, "0@1", 1));
    }

    @Test
    void shouldCommitTheHandledOffsetsOfARevokedPartitionWhoseCommitHadFailed() {
        AtomicInteger commits = new AtomicInteger();
        List<Map<TopicPartition, OffsetAndMetadata>> committed = new CopyOnWriteArrayList<>();
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (commits.incrementAndGet() == 1) {
                    // The commit fails, then the partition is revoked before the loop tries again.
                    schedulePollTask(() -> rebalance(List.of(P1)));
                    throw new CommitFailedException("the group rebalanced");
                }
                super.commitSync(offsets);
                committed.add(Map.copyOf(offsets));
            }
        };
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(record(P0, 0, "a"));
        });
        start(consumer, this::count, LoopOptions.defaults());

        // The mock reports 0 for a partition it no longer owns, so the commits are watched as they are made.
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().equals(Set.of(P1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> committed.contains(Map.of(P0, new OffsetAndMetadata(1))));
        assertThat(handledTimes).containsExactly(Map.entry("0@0", 1));
    }

    @Test
    void shouldHandAnUndecodableRecordToTheHandlerWithItsBytesAndGoOn() {
        MockConsumer<String, byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(record(P0, 0, "bad"));
            consumer.addRecord(record(P0, 1, "good"));
        });
        List<Polled<String>> seen = new CopyOnWriteArrayList<>();
        start(consumer, seen::addAll, LoopOptions.defaults());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(2)));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).undecodable()).isTrue();
        assertThat(seen.get(0).decodeError()).contains("not a value");
        assertThat(new String(seen.get(0).raw().value(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(seen.get(1).value()).isEqualTo("good");
    }

    @Test
    void shouldHoldAPartitionWhoseHeadIsNotDueWhileAnotherFlows() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(t0);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        MockConsumer<String, byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.addRecord(record(P0, 0, "due@" + t0.plusSeconds(60).getEpochSecond()));
            consumer.addRecord(record(P0, 1, "plain"));
            consumer.addRecord(record(P1, 0, "plain"));
        });
        start(consumer, this::count, LoopOptions.<String>defaults().withNotBefore(
                v -> v.startsWith("due@") ? Instant.ofEpochSecond(Long.parseLong(v.substring(4))) : null, clock));

        await().atMost(Duration.ofSeconds(10)).until(() -> handledTimes.containsKey("1@0"));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(P0));
        assertThat(handledTimes).doesNotContainKeys("0@0", "0@1");
        assertThat(consumer.committed(Set.of(P0)).get(P0)).isNull();

        now.set(t0.plusSeconds(61));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(2)));
        assertThat(handledTimes).containsEntry("0@0", 1).containsEntry("0@1", 1);
    }
}

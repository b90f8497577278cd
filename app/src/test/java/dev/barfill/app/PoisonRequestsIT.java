package dev.barfill.app;

import static dev.barfill.app.FaultKit.Raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.RequestPartitions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 7, first fault: poison requests among good ones, produced straight onto
 * {@code coverage-requests} by a plain Kafka client (the Java producer, then Debian's kcat), never
 * through the REST API's validation. Every poison record lands in {@code coverage-requests.dlq}
 * exactly as sent, with the dead-letter headers of {@link DeadLetters}; every good job ends exact;
 * and {@code /health/ready} answers 200 at every probe of the run: the planner never dies on a record.
 */
@Tag("date-sensitive")
class PoisonRequestsIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final List<String> ERROR_CLASSES = Arrays.stream(DeadLetters.ErrorClass.values())
            .map(Enum::name).toList();

    @TempDir
    Path dir;
    private FaultStack stack;
    private ReadinessProbe readiness;

    @BeforeEach
    void start() {
        stack = FaultStack.start(dir, FaultStack.Options.defaults());
        readiness = ReadinessProbe.start(stack.apiUrl());
        readiness.await("the stack is ready", 200, Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() {
        if (readiness != null) {
            readiness.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Poison of every kind the issue names; each key is unique so its dead letter can be told apart. */
    private static List<Raw> poison(String prefix, RecentSessions window) {
        return List.of(
                Raw.text(prefix + "NJ:15m", "this is not a coverage request {"),
                new Raw(prefix + "EMPTY:15m", new byte[0]),
                new Raw(prefix + "NULL:15m", null),
                Raw.text(prefix + "OLD:15m", "{\"symbol\":\"" + prefix + "OLD\",\"timeframe\":\"15m\","
                        + "\"from\":\"1999-01-04\",\"to\":\"1999-01-08\"}"),
                Raw.text(prefix + "FUT:15m", "{\"symbol\":\"" + prefix + "FUT\",\"timeframe\":\"15m\","
                        + "\"from\":\"2150-01-04\",\"to\":\"2150-01-08\"}"),
                Raw.text(prefix + "TF:7m", "{\"symbol\":\"" + prefix + "TF\",\"timeframe\":\"7m\","
                        + "\"from\":\"" + window.from() + "\",\"to\":\"" + window.to() + "\"}"),
                Raw.text(prefix + "WT:15m", "{\"symbol\":[\"" + prefix + "WT\"],\"timeframe\":15,\"days\":\"many\"}"));
    }

    @Test
    @Timeout(180)
    void shouldDeadLetterEveryPoisonRequestFromAPlainProducerAndFinishEveryGoodJobWhileStayingReady()
            throws Exception {
        RecentSessions window = RecentSessions.last(3);
        List<String> symbols = List.of("PGA", "PGB", "PGC");
        List<Raw> poison = poison("PX", window);
        List<Raw> records = new ArrayList<>();
        for (int i = 0; i < poison.size(); i++) {
            if (i % 3 == 0) {
                records.add(FaultKit.good(symbols.get(i / 3), window));
            }
            records.add(poison.get(i));
        }
        Instant t0 = Instant.now();

        FaultKit.produce(stack.bootstrapServers(), TOPICS.coverageRequests.name(), records);

        assertDeadLettered(poison, t0);
        FaultKit.awaitExact(stack.api(), stack.dataSource(), FaultKit.jobIds(symbols, window), window,
                Duration.ofMinutes(2), () -> false);
        assertReadyThroughout(t0);
    }

    @Test
    @Timeout(180)
    void shouldDeadLetterPoisonProducedWithKcatAndCompleteTheGoodRequestProducedAfterIt() throws Exception {
        RecentSessions window = RecentSessions.last(3);
        List<Raw> poison = poison("KC", window).stream().filter(r -> r.value() != null).toList();
        Raw good = FaultKit.good("KCGOOD", window);
        Instant t0 = Instant.now();

        kcat(Stream.concat(poison.stream(), Stream.of(good)).toList());

        assertDeadLettered(poison, t0);
        awaitKcatJobExact(good, window);
        assertReadyThroughout(t0);
    }

    /**
     * kcat (librdkafka) picks partitions by CRC32 of the key, the Java client by murmur2: a request
     * keyed by its series may so arrive on another partition than the series' chunk events. This
     * key is one where the two differ; the request alone must still complete.
     */
    @Test
    @Timeout(180)
    void shouldCompleteAGoodRequestThatKcatPutOnAnotherPartitionThanAJavaProducerWould() throws Exception {
        RecentSessions window = RecentSessions.last(3);
        Raw good = FaultKit.good("KCGOOD", window);
        Instant t0 = Instant.now();

        kcat(List.of(good));

        assertThat(partitions(good.key())).as("kcat's partition for %s differs from murmur2's", good.key())
                .doesNotContain(javaPartition(good.key()));
        awaitKcatJobExact(good, window);
        assertReadyThroughout(t0);
    }

    /** Produces {@code key|value} lines with {@code kcat -P -K '|'}, as a shell user would. */
    private void kcat(List<Raw> records) throws Exception {
        Path kcat = Stream.of("/usr/bin/kcat", "/usr/local/bin/kcat").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(kcat != null, "kcat is not installed (Debian package kcat): .ci/run installs it");
        StringBuilder lines = new StringBuilder();
        for (Raw r : records) {
            lines.append(r.key()).append('|').append(FaultKit.text(r.value())).append('\n');
        }
        Process p = new ProcessBuilder(kcat.toString(), "-P", "-b", stack.bootstrapServers(),
                "-t", TOPICS.coverageRequests.name(), "-K", "|").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kcat ended").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("kcat: %s", output).isZero();
    }

    private void awaitKcatJobExact(Raw good, RecentSessions window) throws Exception {
        String symbol = good.key().substring(0, good.key().indexOf(':'));
        try {
            FaultKit.awaitExact(stack.api(), stack.dataSource(), FaultKit.jobIds(List.of(symbol), window), window,
                    Duration.ofMinutes(2), () -> false);
        } catch (Throwable e) {
            throw new AssertionError("the good request produced with kcat did not complete exactly: kcat put "
                    + good.key() + " on partition(s) " + partitions(good.key()) + ", a Java producer (murmur2) on "
                    + javaPartition(good.key()) + ", where the series' chunk events go; days of " + symbol
                    + " stored in bar_coverage: " + Sql.count(stack.dataSource(),
                    "SELECT count(*) FROM bar_coverage WHERE symbol = '" + symbol + "'") + " of " + window.days(), e);
        }
    }

    /** Each poison record is in the DLQ once, as it was sent, with reason, class and source headers. */
    private void assertDeadLettered(List<Raw> poison, Instant t0) {
        Map<String, Raw> expected = poison.stream().collect(Collectors.toMap(Raw::key, r -> r));
        List<ConsumerRecord<String, byte[]>> dlq = new ArrayList<>();
        try {
            await("every poison record dead-lettered").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        dlq.clear();
                        dlq.addAll(FaultKit.readAll(stack.bootstrapServers(), TOPICS.coverageRequestsDlq.name())
                                .stream().filter(r -> expected.containsKey(r.key())).toList());
                        assertThat(dlq).extracting(ConsumerRecord::key)
                                .containsExactlyInAnyOrderElementsOf(expected.keySet());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + readiness.summary(t0), e);
        }
        for (ConsumerRecord<String, byte[]> r : dlq) {
            String reason = DeadLetters.text(r.headers(), DeadLetters.REASON);
            assertThat(reason).as("%s: %s", r.key(), DeadLetters.REASON).isNotBlank();
            assertThat(DeadLetters.text(r.headers(), DeadLetters.CLASS)).as("%s (%s): %s", r.key(), reason,
                    DeadLetters.CLASS).isIn(ERROR_CLASSES);
            assertThat(DeadLetters.text(r.headers(), DeadLetters.SOURCE_TOPIC)).as("%s: %s", r.key(),
                    DeadLetters.SOURCE_TOPIC).isEqualTo(TOPICS.coverageRequests.name());
            byte[] sent = expected.get(r.key()).value();
            assertThat(r.value() == null || r.value().length == 0 ? new byte[0] : r.value())
                    .as("%s: the dead letter keeps the value as sent", r.key())
                    .isEqualTo(sent == null ? new byte[0] : sent);
        }
    }

    private void assertReadyThroughout(Instant t0) {
        // Probes every 200 ms: a quick run still has several; what matters is that none was refused.
        assertThat(readiness.since(t0)).as("readiness probes during the run").isNotEmpty();
        assertThat(readiness.notReadySince(t0)).as(readiness.summary(t0)).isEmpty();
    }

    /** The partitions of {@code coverage-requests} that hold a record keyed {@code key}. */
    /**
     * Partitions the key's requests were produced on, leaving out the planner's re-sent copies (it sends
     * a request read on another partition than its series' again, to that one, marked as re-routed).
     */
    private List<Integer> partitions(String key) {
        return FaultKit.readAll(stack.bootstrapServers(), TOPICS.coverageRequests.name()).stream()
                .filter(r -> key.equals(r.key()))
                .filter(r -> r.headers().lastHeader(RequestPartitions.REROUTED) == null)
                .map(ConsumerRecord::partition).distinct().toList();
    }

    private int javaPartition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % stack.kafkaSettings().partitions();
    }
}

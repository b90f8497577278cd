package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the fault tests share: requests produced straight onto the topic as any client would,
 * their job ids computed as the planner does, and the closing check that every job is exact.
 */
final class FaultKit {
    static final Timeframe TF = Timeframe.M15;

    private FaultKit() {
    }

    /** A raw record for {@code coverage-requests}: key and value bytes exactly as sent (value may be null). */
    record Raw(String key, byte[] value) {
        static Raw text(String key, String value) {
            return new Raw(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A well-formed 15m request over the window, keyed by series as the API keys it. */
    static Raw good(String symbol, RecentSessions window) {
        try {
            return new Raw(symbol + ":" + TF.code(), Json.mapper().writeValueAsBytes(
                    CoverageRequest.ofRange(symbol, TF.code(), window.from(), window.to())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job id the planner gives a 15m request of {@code symbol} over the window. */
    static String jobId(String symbol, RecentSessions window) {
        return new CoverageWindow(new Series(Symbol.parse(symbol), TF), window.from(), window.to()).jobId();
    }

    static Map<String, String> jobIds(List<String> symbols, RecentSessions window) {
        Map<String, String> ids = new LinkedHashMap<>();
        symbols.forEach(s -> ids.put(s, jobId(s, window)));
        return ids;
    }

    /** Produces each record in order with a plain producer, each acknowledged before the next. */
    static void produce(String bootstrap, String topic, List<Raw> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "enable.idempotence", "false"), new StringSerializer(), new ByteArraySerializer())) {
            for (Raw r : records) {
                producer.send(new ProducerRecord<>(topic, r.key(), r.value())).get();
            }
        }
    }

    /**
     * Waits until every job is DONE, then asserts each exact: progress 100, every day of the window
     * done once, nothing failed or pending, every bar written; and in PostgreSQL exactly the
     * window's bars and one coverage row per trading day for each symbol.
     */
    static void awaitExact(ApiClient api, DataSource db, Map<String, String> jobsBySymbol, RecentSessions window,
                           Duration atMost, BooleanSupplier failFast) throws Exception {
        await("every job DONE").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .failFast("the stack failed", failFast::getAsBoolean)
                .untilAsserted(() -> {
                    for (Map.Entry<String, String> e : jobsBySymbol.entrySet()) {
                        assertThat(api.job(e.getValue())).as("job %s of %s", e.getValue(), e.getKey())
                                .hasValueSatisfying(j -> assertThat(j.status()).as("status of job %s of %s: %s",
                                        e.getValue(), e.getKey(), j).isEqualTo(JobStatus.DONE));
                    }
                });
        for (Map.Entry<String, String> e : jobsBySymbol.entrySet()) {
            String symbol = e.getKey();
            JobProgress job = api.job(e.getValue()).orElseThrow();
            assertThat(job.progress()).as("progress of %s", symbol).isEqualTo(100);
            assertThat(job.totalDays()).as("total days of %s", symbol).isEqualTo(window.days());
            assertThat(job.doneDays()).as("done days of %s", symbol).isEqualTo(window.days());
            assertThat(job.failedDays()).as("failed days of %s", symbol).isZero();
            assertThat(job.pendingDays()).as("days of %s left in flight", symbol).isEmpty();
            assertThat(job.barsWritten()).as("bars written for %s", symbol).isEqualTo(window.bars(TF));
            assertThat(Sql.count(db, "SELECT count(*) FROM ohlc_bars WHERE timeframe = '15m' AND symbol = '"
                    + symbol + "'")).as("rows of %s in ohlc_bars", symbol).isEqualTo(window.bars(TF));
            assertThat(Sql.count(db, "SELECT count(*) FROM bar_coverage WHERE timeframe = '15m' AND complete"
                    + " AND symbol = '" + symbol + "' AND day BETWEEN '" + window.from() + "' AND '" + window.to() + "'"))
                    .as("coverage rows of %s", symbol).isEqualTo(window.days());
            assertThat(Sql.count(db, "SELECT count(*) FROM bar_coverage WHERE symbol = '" + symbol + "'"))
                    .as("coverage rows of %s outside the window", symbol).isEqualTo(window.days());
        }
    }

    /** Every record of {@code topic} from the beginning to its end now. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return all;
        }
    }

    /** Records ever written to {@code topic}: the sum of its end offsets. */
    static long endOffsets(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return c.endOffsets(c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList()).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The member ids of a consumer group now. */
    static List<String> members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                .map(m -> m.consumerId()).sorted().toList();
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.retry.RetryPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against a simulator that fails 30% of its requests (429 with Retry-After, 503,
 * hangs past the client timeout, cut-off JSON), with short retry tiers: every day still lands
 * through the retry topics, and an unknown symbol ends DONE_WITH_ERRORS via the dead-letter topic.
 */
@Tag("date-sensitive")
@Timeout(600)
class FetcherFaultsIT {
    // The latest closed session at the process clock: every window stays inside the history limits.
    private static final LocalDate LAST = RecentSessions.last(1).to();
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));
    private static final LocalDate FIRST = XNYS.startOfLastTradingDays(LAST, 30);
    // Eleven attempts a day: with 30% of requests failing, a day fails all of them with 0.3^11 (2e-6),
    // so 600 days fail this test in at most one run of 800; with seven attempts that bound was 13%
    // (0.3^7 x 600), and a run did fail ("gave up after 7 attempts"). The tiers stay short: 24 s in all.
    private static final RetryPolicy SHORT_TIERS = new RetryPolicy(List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3)), 0.2);

    @TempDir
    static Path dataDir;
    private static EmbeddedStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        Duration latency = Duration.ofMillis(20);
        stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, latency, 3,
                SimulatorFaults.failing(latency, 0.3, Duration.ofSeconds(4)),
                f -> f.withRetry(SHORT_TIERS).withRequestTimeout(Duration.ofSeconds(2))));
        api = new ApiClient(stack.apiUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldLandEveryTradingDayOfTwentySymbolsWhileThirtyPercentOfRequestsFail() throws Exception {
        List<String> symbols = new ArrayList<>();
        for (char c = 'A'; c < 'A' + 20; c++) {
            symbols.add("SYM" + c);
        }
        List<String> jobs = new ArrayList<>();
        for (String symbol : symbols) {
            JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", FIRST, LAST));
            assertThat(answer.path("tradingDays").asInt()).isEqualTo(30);
            jobs.add(answer.path("jobId").asText());
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : jobs) {
                assertThat(api.job(id)).hasValueSatisfying(job -> assertThat(job.status())
                        .as("%s: failed days %s, last errors %s", id, job.failedDates(), job.lastErrors())
                        .isEqualTo(JobStatus.DONE));
            }
        });

        int barsPerSymbol = XNYS.sessions(FIRST, LAST).stream().mapToInt(s -> s.expectedBars(Timeframe.M15)).sum();
        assertThat(count("SELECT count(*) FROM ohlc_bars WHERE symbol LIKE 'SYM%'")).isEqualTo(20L * barsPerSymbol);
        assertThat(count("SELECT count(*) FROM bar_coverage WHERE complete AND symbol LIKE 'SYM%'")).isEqualTo(600);
        assertThat(deadLetters("SYM")).isZero();
        assertThat(retried()).as("some chunks went through the retry tiers").isPositive();
        System.out.printf("30%% faults, 20 symbols x 30 days 15m: %d provider requests, %d answered 429%n",
                stack.simulator().requests(), stack.simulator().rateLimited());
    }

    @Test
    void shouldEndAnUnknownSymbolDoneWithErrorsWithinTheRetryBudget() throws Exception {
        JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("ZZQX", "15m", LAST.minusDays(4), LAST));
        String id = answer.path("jobId").asText();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.job(id)).hasValueSatisfying(job -> {
                    assertThat(job.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
                    assertThat(job.failedDays()).isEqualTo(job.totalDays());
                }));
        assertThat(deadLetters("ZZQX")).isEqualTo(answer.path("tradingDays").asInt());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long retried() {
        return endOffsets(Topics.defaults().chunksRetry(SHORT_TIERS.tiers().size()).get(0).name());
    }

    /** Dead letters whose key starts with {@code prefix}. */
    private static long deadLetters(String prefix) {
        String topic = Topics.defaults().chunksDlq.name();
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long[] found = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> found[0] += r.key().startsWith(prefix) ? 1 : 0);
                return parts.stream().allMatch(p -> c.position(p) >= end.get(p));
            });
            return found[0];
        }
    }

    private static long endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            return c.endOffsets(partitions(c, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, String topic) {
        return c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}

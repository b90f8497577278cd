package dev.barfill.app;

import dev.barfill.app.role.Resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.ApiConfig;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.FetcherService;
import dev.barfill.fetcher.ProviderSettings;
import dev.barfill.fetcher.provider.BarProvider;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import dev.barfill.fetcher.provider.YahooChartProvider;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import dev.barfill.fetcher.route.TokenBucket;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.store.Migrations;
import dev.barfill.sink.SinkConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebalance of fetchers while they back off, on the real embedded broker and PostgreSQL: the
 * provider adapter fails (it throws, the path on which the main consumer loop backs off with every
 * partition paused), a second fetcher joins the group in the middle of that backoff, then the
 * provider recovers. The simulator meanwhile answers a share of requests with 429/503, so the retry
 * tiers (their own group, rebalanced too) carry days as well. Every trading day must still be
 * fetched and stored exactly once and every job end DONE at 100%.
 */
@Tag("date-sensitive")
@Timeout(600)
class FetcherRebalanceIT {
    private static final int SYMBOLS = 6;
    private static final RetryPolicy SHORT_TIERS = new RetryPolicy(List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3)), 0.2);

    @TempDir
    Path dir;
    private final Resources started = new Resources();

    @AfterEach
    void stopAll() {
        started.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        return started.add(resource);
    }

    /** The simulator behind a switch: while broken, every call throws, as an adapter bug would. */
    private static final class BreakableProvider implements BarProvider {
        final AtomicBoolean broken = new AtomicBoolean(true);
        final AtomicInteger failedCalls = new AtomicInteger();
        private final BarProvider delegate;

        BreakableProvider(BarProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public FetchOutcome fetch(BarRequest request) {
            if (broken.get()) {
                failedCalls.incrementAndGet();
                throw new IllegalStateException("provider adapter failed");
            }
            return delegate.fetch(request);
        }
    }

    @Test
    void shouldFetchAndStoreEveryDayWhenASecondFetcherJoinsDuringTheBackoff() throws Exception {
        RecentSessions window = RecentSessions.last(5);
        Clock clock = RecentSessions.clock();
        EmbeddedDatabase database = track(EmbeddedDatabase.start(dir.resolve("postgres"), Ports.free()));
        EmbeddedKafka kafka = track(EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free()));
        HikariDataSource pool = track(Database.pool(new DatabaseSettings(database.jdbcUrl(), database.user(), "", 8),
                "rebalance"));
        Migrations.migrate(pool);
        Duration latency = Duration.ofMillis(20);
        YahooSimulator simulator = track(new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                SimulatorFaults.failing(latency, 0.2, Duration.ofSeconds(3)), 0).start());
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "barfill.", 6, (short) 1);
        Roles.ensureTopics(settings);
        CalendarRegistry calendars = CalendarRegistry.defaults();
        track(Roles.startPlanner(PlannerConfig.defaults(settings, dir.resolve("planner")), pool, calendars, clock));
        track(Roles.startSink(SinkConfig.defaults(settings), pool, clock));
        Roles api = track(Roles.startApi(settings, ApiConfig.defaults(0), pool, calendars, clock));
        ApiClient client = new ApiClient("http://127.0.0.1:" + api.apiPort());

        FetcherConfig config = new FetcherConfig(settings, "barfill-fetcher",
                List.of(ProviderSettings.simulator(simulator.baseUrl(), FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE)),
                Map.of(), 4, Duration.ofSeconds(2), SHORT_TIERS);
        BreakableProvider provider = new BreakableProvider(new YahooChartProvider("yahoo",
                YahooChartProvider.defaultClient(Duration.ofSeconds(2), 8), simulator.baseUrl()));
        FetcherService first = track(fetcher(config, provider, calendars, clock));
        first.start();

        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < SYMBOLS; i++) {
            JsonNode answer = client.ensureCoverage(CoverageRequest.ofRange("RB" + (char) ('A' + i), "15m",
                    window.from(), window.to()));
            assertThat(answer.path("tradingDays").asInt()).isEqualTo(window.days());
            jobIds.add(answer.path("jobId").asText());
        }
        // The first fetcher has failed a few batches: it is in its backoff, every partition paused.
        await("the first fetcher backing off").atMost(Duration.ofMinutes(1)).until(() -> provider.failedCalls.get() >= 3);

        FetcherService second = track(fetcher(config, provider, calendars, clock));
        second.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await("both fetchers in the group").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> members(admin, "barfill-fetcher") == 2);
        }
        int failedAtJoin = provider.failedCalls.get();
        await("both fetchers failing after the rebalance").atMost(Duration.ofMinutes(1))
                .until(() -> provider.failedCalls.get() >= failedAtJoin + 3);
        assertThat(Sql.count(pool, "SELECT count(*) FROM bar_coverage")).as("nothing stored while broken").isZero();

        provider.broken.set(false);

        await("every job done").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : jobIds) {
                assertThat(client.job(id)).as(id).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.DONE));
            }
        });
        int barsPerSymbol = window.bars(Timeframe.M15);
        for (String id : jobIds) {
            JobProgress job = client.job(id).orElseThrow();
            assertThat(job.progress()).as(id).isEqualTo(100);
            assertThat(job.doneDays()).as(id).isEqualTo(window.days());
            assertThat(job.failedDays()).as(id).isZero();
            assertThat(job.barsWritten()).as(id).isEqualTo(barsPerSymbol);
        }
        assertThat(Sql.count(pool, "SELECT count(*) FROM ohlc_bars")).isEqualTo((long) SYMBOLS * barsPerSymbol);
        assertThat(Sql.count(pool, "SELECT count(*) FROM bar_coverage WHERE complete"))
                .isEqualTo((long) SYMBOLS * window.days());
        System.out.printf("rebalance during backoff: %d failed calls, %d simulator requests (%d answered 429)%n",
                provider.failedCalls.get(), simulator.requests(), simulator.rateLimited());
    }

    private static FetcherService fetcher(FetcherConfig config, BarProvider provider, CalendarRegistry calendars,
                                          Clock clock) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProviderRoute route = new ProviderRoute(provider,
                ProviderCapabilities.yahoo(FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE).withUnlimitedHistory(),
                TokenBucket.perMinute(FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE), registry);
        return new FetcherService(config, new ProviderRouter(List.of(route), Map.of()), calendars, clock, registry);
    }

    private static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
    }
}

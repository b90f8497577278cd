package dev.barfill.app;

import dev.barfill.app.role.Resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider limit is the cluster's: three fetchers in one group, configured with
 * {@code requests-per-minute=600}, against a simulator that allows 600 a minute (a token bucket
 * with 60 saved) and answers 429 beyond. A lone fetcher takes the whole limit; once three share the
 * six partitions of {@code chunks}, each takes 200. Then 1,500 one-day chunks (a request each, more
 * than two minutes of work) keep all three busy for 70 s, measured at the simulator: no sliding
 * minute holds more than 600 requests, and none is answered 429.
 *
 * <p>Why 70 s at the real limit rather than a scaled window: the simulator's limit and the buckets
 * work per minute, so a sliding minute is what is measured; 70 s of load gives eleven seconds of
 * whole-minute windows to slide over, and takes no longer at 600/min than at 120/min.
 */
@Tag("date-sensitive")
@Timeout(300)
class FetcherShareIT {
    private static final int LIMIT = 600;
    private static final int CHUNKS = 1_500;
    private static final Duration LOAD = Duration.ofSeconds(70);

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

    @Test
    void shouldKeepThreeFetchersTogetherWithinTheClusterLimitOverEverySlidingMinute() throws Exception {
        Clock clock = RecentSessions.clock();
        LocalDate day = RecentSessions.last(1).to();
        CalendarRegistry calendars = CalendarRegistry.defaults();
        EmbeddedKafka kafka = track(EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free()));
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "barfill.", 6, (short) 1);
        Roles.ensureTopics(settings);
        YahooSimulator simulator = track(new YahooSimulator(new SimulatedMarket(calendars),
                SimulatorFaults.none(Duration.ofMillis(20)).withRateLimit(LIMIT), 0).keepRequestTimes().start());
        FetcherConfig config = FetcherConfig.defaults(settings, simulator.baseUrl())
                .withProviders(List.of(ProviderSettings.simulator(simulator.baseUrl(), LIMIT)));

        List<Roles> fetchers = new ArrayList<>();
        fetchers.add(track(Roles.startFetcher(config, calendars, clock)));
        await("a lone fetcher takes the whole limit").atMost(Duration.ofSeconds(60))
                .until(() -> share(fetchers.get(0)) == LIMIT);
        fetchers.add(track(Roles.startFetcher(config, calendars, clock)));
        fetchers.add(track(Roles.startFetcher(config, calendars, clock)));
        await("three fetchers share the limit by partitions").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> fetchers.stream().allMatch(f -> share(f) == LIMIT / 3));

        Topics topics = settings.topics();
        try (KafkaProducer<String, ChunkTask> producer = new KafkaProducer<>(
                KafkaClients.durableProducer(settings, "share-it"), topics.chunks.keySerde().serializer(),
                topics.chunks.valueSerde().serializer())) {
            for (int i = 0; i < CHUNKS; i++) {
                Series series = Series.of("SH" + i, Timeframe.M15);
                producer.send(new ProducerRecord<>(topics.chunks.name(), series.key(),
                        ChunkTask.first(new ChunkKey(series, day), List.of("share-" + i), clock.instant())));
            }
            producer.flush();
        }
        await("70 s of load at the simulator").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> span(simulator.requestTimes()) >= LOAD.toNanos());

        // Concurrent handlers append in about arrival order; sorted, the windows are exact.
        List<Long> times = simulator.requestTimes().stream().sorted().toList();
        int busiest = maxInAnyMinute(times);
        System.out.printf("3 fetchers, limit %d/min: %d requests in %.1f s, busiest sliding minute %d, %d answered 429,"
                + " per fetcher %s%n", LIMIT, times.size(), span(times) / 1e9, busiest, simulator.rateLimited(),
                fetchers.stream().map(FetcherShareIT::requests).toList());
        assertThat(busiest).as("requests in the busiest sliding minute").isLessThanOrEqualTo(LIMIT);
        // The limit was really pushed against: far more work queued than a minute's allowance.
        assertThat(busiest).isGreaterThanOrEqualTo(LIMIT * 8 / 10);
        assertThat(simulator.rateLimited()).isZero();
        assertThat(fetchers).allSatisfy(f -> assertThat(requests(f)).isGreaterThan(LIMIT / 3 / 2));
        // Each stops mid-batch and waits up to 30 s for its calls: together, not one after another.
        fetchers.parallelStream().forEach(Roles::close);
    }

    private static long share(Roles fetcher) {
        Gauge gauge = fetcher.meterRegistry().find("barfill.provider.rate.share").gauge();
        return gauge == null ? -1 : Math.round(gauge.value());
    }

    private static long requests(Roles fetcher) {
        return Math.round(fetcher.meterRegistry().find("barfill.provider.requests").counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    private static long span(List<Long> times) {
        return times.isEmpty() ? 0 : times.get(times.size() - 1) - times.get(0);
    }

    /** The most requests inside any window of one minute, by arrival time. */
    static int maxInAnyMinute(List<Long> times) {
        long minute = TimeUnit.MINUTES.toNanos(1);
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= minute) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}

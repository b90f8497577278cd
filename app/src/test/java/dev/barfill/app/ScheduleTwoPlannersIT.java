package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.Json;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Schedule;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.TopicAdmin;
import dev.barfill.core.kafka.Topics;
import dev.barfill.core.time.MutableClock;
import dev.barfill.planner.StoredCoverageLookup;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.planner.PlannerService;
import dev.barfill.planner.PlannerTopology;
import dev.barfill.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule with two planner instances of one application on a real broker: after a simulated
 * close it fires once (one coverage request per symbol, one job each), stays fired when one
 * instance leaves and the other takes its tasks, and closes missed while every planner was down
 * are caught up by one firing when they start again. The planners read a clock the test sets, on
 * fixed dates: nothing depends on today.
 */
@Timeout(300)
class ScheduleTwoPlannersIT {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN");
    private static final Duration SETTLE = Duration.ofMinutes(15);
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));
    private static final Session MON = XNYS.session(LocalDate.of(2026, 11, 23)).orElseThrow();
    private static final Session WED = XNYS.session(LocalDate.of(2026, 11, 25)).orElseThrow();

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static EmbeddedDatabase database;
    static HikariDataSource pool;
    static KafkaSettings settings;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free());
        database = EmbeddedDatabase.start(dir.resolve("pg"), Ports.free());
        pool = Database.pool(new DatabaseSettings(database.jdbcUrl(), database.user(), "", 4), "schedule-two-it");
        Migrations.migrate(pool);
        settings = new KafkaSettings(kafka.bootstrapServers(), "two.", 3, (short) 1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicAdmin.ensure(admin, settings.topics().all(), (short) 1);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {pool, database, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static PlannerService planner(String instance, Clock clock) {
        PlannerConfig config = new PlannerConfig(settings, "two.planner", dir.resolve("state-" + instance), 400, 1,
                HistoryLimits.yahoo(), Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofSeconds(2));
        PlannerService planner = new PlannerService(config, CalendarRegistry.defaults(), new StoredCoverageLookup(pool),
                clock);
        planner.start();
        return planner;
    }

    /** Whether {@code planner} holds the schedule in a task it runs now. */
    private static boolean holds(PlannerService planner, String name) {
        if (planner.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            ReadOnlyKeyValueStore<String, Schedule> store = planner.streams().store(StoreQueryParameters
                    .fromNameAndType(PlannerTopology.SCHEDULES_STORE, QueryableStoreTypes.<String, Schedule>keyValueStore())
                    .enableStaleStores());
            return store.get(name) != null && planner.streams().metadataForLocalThreads().stream()
                    .anyMatch(t -> !t.activeTasks().isEmpty());
        } catch (RuntimeException e) {
            return false; // rebalancing
        }
    }

    /** Every committed record of {@code topic}. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return FaultKit.readAll(kafka.bootstrapServers(), topic);
    }

    /** The coverage requests the schedule put on {@code coverage-requests} (a rerouted copy not counted). */
    private static List<CoverageRequest> scheduled() {
        List<CoverageRequest> requests = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(settings.topics().coverageRequests.name())) {
            if (r.headers().lastHeader("barfill.planner.rerouted") != null) {
                continue;
            }
            try {
                CoverageRequest request = Json.mapper().readValue(r.value(), CoverageRequest.class);
                if ("schedule:nightly".equals(request.requestedBy())) {
                    requests.add(request);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return requests;
    }

    private static Set<String> jobIds() {
        Set<String> ids = new TreeSet<>();
        readAll(settings.topics().jobProgress.name()).forEach(r -> ids.add(r.key()));
        return ids;
    }

    private static void assertStaysAt(int requests, int jobs) {
        // Three and more schedule checks (every 2 s) pass without another firing.
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> scheduled().size() == requests && jobIds().size() == jobs);
    }

    @Test
    void shouldFireAScheduleOnceWithTwoPlannersAndCatchUpMissedClosesOnceAfterARestart() throws Exception {
        Topics topics = settings.topics();
        Instant monDue = MON.close().plus(SETTLE);
        MutableClock clock = new MutableClock(monDue.minusSeconds(30));
        PlannerService a = planner("a", clock);
        PlannerService b = planner("b", clock);
        try {
            await("both planners running").atMost(Duration.ofSeconds(60)).until(() ->
                    a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);
            Schedule nightly = new Schedule("nightly", SYMBOLS, "15m", 3, (int) SETTLE.toMinutes(),
                    MON.close().minus(Duration.ofHours(2)));
            try (KafkaProducer<String, Schedule> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), topics.schedules.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.schedules.name(), "nightly", nightly)).get();
            }
            await("the schedule held by one planner").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> holds(a, "nightly") || holds(b, "nightly"));
            assertThat(holds(a, "nightly") && holds(b, "nightly")).as("a schedule lives in one task").isFalse();
            assertThat(scheduled()).as("nothing before the due time").isEmpty();

            clock.set(monDue.plusSeconds(1));
            await("one request per symbol after the close").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> scheduled().size() >= SYMBOLS.size());
            await("one job per symbol").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> jobIds().size() >= SYMBOLS.size());
            assertStaysAt(SYMBOLS.size(), SYMBOLS.size());
            assertThat(scheduled()).extracting(CoverageRequest::symbol).containsExactlyInAnyOrderElementsOf(SYMBOLS);
            assertThat(scheduled()).extracting(CoverageRequest::requestedAt).containsOnly(monDue);

            // The instance holding the schedule leaves; the other takes its task with the fired time.
            PlannerService holder = holds(a, "nightly") ? a : b;
            PlannerService other = holder == a ? b : a;
            holder.close();
            await("the other planner holds the schedule").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> holds(other, "nightly"));
            assertStaysAt(SYMBOLS.size(), SYMBOLS.size());
            other.close();
        } finally {
            a.close();
            b.close();
        }

        // Every planner down across Tuesday's and Wednesday's closes; both start again after Wednesday's.
        Instant wedDue = WED.close().plus(SETTLE);
        clock.set(wedDue.plus(Duration.ofHours(1)));
        PlannerService a2 = planner("a", clock);
        PlannerService b2 = planner("b", clock);
        try {
            await("the missed closes caught up by one firing").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).until(() -> scheduled().size() >= 2 * SYMBOLS.size());
            await("one new job per symbol").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> jobIds().size() >= 2 * SYMBOLS.size());
            assertStaysAt(2 * SYMBOLS.size(), 2 * SYMBOLS.size());
            assertThat(scheduled()).extracting(CoverageRequest::requestedAt)
                    .containsOnly(monDue, wedDue).filteredOn(wedDue::equals).hasSize(SYMBOLS.size());
            List<LocalDate> windowEnds = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : readAll(topics.jobProgress.name())) {
                windowEnds.add(Json.mapper().readValue(r.value(), JobProgress.class).to());
            }
            assertThat(windowEnds).as("each window ends on the close it fired for").containsOnly(MON.day(), WED.day());
        } finally {
            a2.close();
            b2.close();
        }
    }
}

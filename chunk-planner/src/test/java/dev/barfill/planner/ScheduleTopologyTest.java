package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.Json;
import dev.barfill.core.Schedule;
import dev.barfill.core.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules on the production topology with an injected clock: fired once per session close plus
 * the settle delay, missed closes caught up by one firing, nothing after a tombstone.
 */
class ScheduleTopologyTest {
    /** Monday 2026-11-30, 15:00 in New York: the session closes at 21:00Z, due at 21:15Z. */
    private static final Instant MONDAY_AFTERNOON = Instant.parse("2026-11-30T20:00:00Z");

    @TempDir
    Path stateDir;

    private MutableClock clock;
    private PlannerHarness harness;
    private TestInputTopic<String, byte[]> schedules;
    private TestOutputTopic<String, byte[]> requests;

    @BeforeEach
    void start() {
        clock = new MutableClock(MONDAY_AFTERNOON);
        harness = new PlannerHarness(stateDir, clock, HistoryLimits.unlimited());
        schedules = harness.driver.createInputTopic(harness.topics.schedules.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        requests = harness.driver.createOutputTopic(harness.topics.coverageRequests.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void put(Schedule s) throws Exception {
        schedules.pipeInput(s.name(), Json.mapper().writeValueAsBytes(s));
    }

    /** Moves the clock to {@code at} and lets the wall-clock punctuator run. */
    private List<KeyValue<String, CoverageRequest>> at(Instant at) throws Exception {
        clock.advance(Duration.between(clock.instant(), at));
        harness.driver.advanceWallClockTime(PlannerTopology.SCHEDULE_CHECK);
        List<KeyValue<String, CoverageRequest>> out = new java.util.ArrayList<>();
        for (KeyValue<String, byte[]> kv : requests.readKeyValuesToList()) {
            out.add(KeyValue.pair(kv.key, Json.mapper().readValue(kv.value, CoverageRequest.class)));
        }
        return out;
    }

    private static Schedule nightly() {
        return new Schedule("nightly", List.of("AAPL", "MSFT", "NVDA"), "15m", 5, 15, MONDAY_AFTERNOON);
    }

    @Test
    void shouldRequestEverySymbolOnceAfterTheCloseAndTheSettleDelay() throws Exception {
        put(nightly());

        assertThat(at(Instant.parse("2026-11-30T21:10:00Z"))).as("before close + 15 min").isEmpty();
        List<KeyValue<String, CoverageRequest>> fired = at(Instant.parse("2026-11-30T21:16:00Z"));

        assertThat(fired).extracting(kv -> kv.key).containsExactly("AAPL:15m", "MSFT:15m", "NVDA:15m");
        assertThat(fired).allSatisfy(kv -> {
            assertThat(kv.value.days()).isEqualTo(5);
            assertThat(kv.value.requestedBy()).isEqualTo("schedule:nightly");
            assertThat(kv.value.requestedAt()).isEqualTo(Instant.parse("2026-11-30T21:15:00Z"));
        });
        assertThat(at(Instant.parse("2026-11-30T23:00:00Z"))).as("the same close fires once").isEmpty();
        assertThat(at(Instant.parse("2026-12-01T21:16:00Z"))).as("the next close fires again").hasSize(3);
    }

    @Test
    void shouldCatchUpClosesMissedWhileDownWithOneFiring() throws Exception {
        put(nightly());
        assertThat(at(Instant.parse("2026-11-30T21:16:00Z"))).hasSize(3);

        // Tuesday, Wednesday and Thursday closed while nothing checked.
        List<KeyValue<String, CoverageRequest>> caughtUp = at(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(caughtUp).hasSize(3);
        assertThat(caughtUp.get(0).value.requestedAt()).isEqualTo(Instant.parse("2026-12-03T21:15:00Z"));
    }

    @Test
    void shouldNotFireForClosesBeforeTheScheduleWasMade() throws Exception {
        put(new Schedule("late", List.of("AAPL"), "15m", 5, 15, Instant.parse("2026-11-30T22:00:00Z")));
        assertThat(at(Instant.parse("2026-11-30T22:30:00Z"))).isEmpty();
        assertThat(at(Instant.parse("2026-12-01T21:15:00Z"))).hasSize(1);
    }

    @Test
    void shouldStopFiringAScheduleOnceItsTombstoneIsRead() throws Exception {
        put(nightly());
        assertThat(at(Instant.parse("2026-11-30T21:16:00Z"))).hasSize(3);
        schedules.pipeInput("nightly", (byte[]) null);
        assertThat(at(Instant.parse("2026-12-01T21:16:00Z"))).isEmpty();
    }

    @Test
    void shouldFireACronScheduleAtTheTimeItNamesInTheExchangesZone() throws Exception {
        put(new Schedule("evening", List.of("AAPL"), "15m", 5, 0, MONDAY_AFTERNOON, "30 17 * * 1-5"));
        assertThat(at(Instant.parse("2026-11-30T22:29:00Z"))).as("17:29 in New York").isEmpty();
        List<KeyValue<String, CoverageRequest>> fired = at(Instant.parse("2026-11-30T22:30:30Z"));
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).value.requestedAt()).isEqualTo(Instant.parse("2026-11-30T22:30:00Z"));
        assertThat(at(Instant.parse("2026-11-30T23:30:00Z"))).isEmpty();
    }

    @Test
    void shouldSkipAnUnreadableScheduleAndKeepFiringTheOthers() throws Exception {
        schedules.pipeInput("broken", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(nightly());
        assertThat(at(Instant.parse("2026-11-30T21:16:00Z"))).hasSize(3);
    }
}

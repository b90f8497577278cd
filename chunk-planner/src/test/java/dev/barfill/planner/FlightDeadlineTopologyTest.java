package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No day stays in flight for ever: a day with no event by its deadline is planned again once,
 * then failed, so its jobs end; and only an event of a day's current flight settles it.
 */
class FlightDeadlineTopologyTest {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CHECK = Duration.ofMinutes(1);

    @TempDir
    Path stateDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:00:00Z"));
    private PlannerHarness h;

    @BeforeEach
    void start() {
        h = new PlannerHarness(stateDir, clock, HistoryLimits.yahoo(), null,
                new PlannerTimings(TIMEOUT, CHECK, PlannerTimings.defaults().lookupRetry()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Moves the planner's clock and Streams' wall clock together, one check at a time. */
    private void advance(Duration d) {
        for (Duration left = d; !left.isZero(); ) {
            Duration step = left.compareTo(CHECK) < 0 ? left : CHECK;
            clock.advance(step);
            h.driver.advanceWallClockTime(step);
            left = left.minus(step);
        }
    }

    private Map<String, JobProgress> latest() {
        return h.progress.readKeyValuesToMap();
    }

    private ChunkEvent event(LocalDate day, ChunkEventType type, Instant plannedAt) {
        return new ChunkEvent("AAPL", TF, day, type, type == ChunkEventType.WRITTEN ? 26 : 0, 0, "yahoo",
                type == ChunkEventType.WRITTEN ? null : "yahoo refused: 502", clock.instant(), plannedAt);
    }

    @Test
    void shouldPlanAnOverdueDayAgainForTheSameWaitersAndCancelItsOldFlight() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        List<ChunkTask> first = h.chunks.readValuesToList();
        h.events.pipeInput("AAPL:15m", event(MON, ChunkEventType.WRITTEN, first.get(0).plannedAt()));

        advance(TIMEOUT.minus(CHECK));
        assertThat(h.chunks.isEmpty()).isTrue();
        advance(CHECK);

        // Monday settled in time; only Tuesday is overdue.
        List<ChunkTask> again = h.chunks.readValuesToList();
        assertThat(again).extracting(ChunkTask::day).containsExactly(TUE);
        assertThat(again.get(0).jobIds()).containsExactly(jobId);
        assertThat(again.get(0).attempt()).isEqualTo(1);
        assertThat(again.get(0).plannedAt()).isAfter(first.get(1).plannedAt());
        List<ChunkCancellation> markers = h.cancellations.readValuesToList();
        assertThat(markers).hasSize(1);
        assertThat(markers.get(0).cancels(first.get(1))).isTrue();
        assertThat(latest().get(jobId).status()).isEqualTo(JobStatus.RUNNING);

        h.events.pipeInput("AAPL:15m", event(TUE, ChunkEventType.WRITTEN, again.get(0).plannedAt()));
        JobProgress done = latest().get(jobId);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.progress()).isEqualTo(100);
    }

    @Test
    void shouldFailADayOverdueTwiceSoItsJobEnds() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        h.chunks.readRecordsToList();
        advance(TIMEOUT);
        assertThat(h.chunks.readValuesToList()).hasSize(2);
        // Plan times of a series are distinct, so Tuesday's second deadline comes a nanosecond later.
        advance(TIMEOUT.plus(CHECK));

        assertThat(h.chunks.isEmpty()).isTrue();
        assertThat(h.cancellations.readValuesToList()).hasSize(4);
        JobProgress ended = latest().get(jobId);
        assertThat(ended.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
        assertThat(ended.failedDays()).isEqualTo(2);
        assertThat(ended.progress()).isEqualTo(100);
        assertThat(ended.pendingDays()).isEmpty();
        assertThat(ended.lastErrors()).hasSize(2).allSatisfy(e -> assertThat(e).contains("no outcome within PT30M"));

        // Nothing is left in flight: asking again plans both days afresh.
        advance(TIMEOUT.multipliedBy(3));
        assertThat(h.progress.isEmpty()).isTrue();
        h.request("AAPL", TF, MON, TUE);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON, TUE);
    }

    @Test
    void shouldLetTheNewFetchDecideWhenALateEventOfACancelledPlanArrives() {
        String jobId = h.request("AAPL", TF, MON, MON);
        ChunkTask old = h.chunks.readValue();
        h.cancel("AAPL", TF, jobId);
        h.request("AAPL", TF, MON, MON);
        ChunkTask current = h.chunks.readValue();
        assertThat(current.plannedAt()).isAfter(old.plannedAt());
        h.progress.readRecordsToList();

        h.events.pipeInput("AAPL:15m", event(MON, ChunkEventType.FAILED, old.plannedAt()));
        assertThat(h.progress.isEmpty()).isTrue();

        h.events.pipeInput("AAPL:15m", event(MON, ChunkEventType.WRITTEN, current.plannedAt()));
        JobProgress done = latest().get(jobId);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.failedDays()).isZero();
    }

    @Test
    void shouldIgnoreTheLateOutcomeOfAFlightThatWasPlannedAgain() {
        String jobId = h.request("AAPL", TF, MON, MON);
        ChunkTask old = h.chunks.readValue();
        advance(TIMEOUT);
        ChunkTask again = h.chunks.readValue();
        h.progress.readRecordsToList();

        h.events.pipeInput("AAPL:15m", event(MON, ChunkEventType.FAILED, old.plannedAt()));
        assertThat(h.progress.isEmpty()).isTrue();
        h.events.pipeInput("AAPL:15m", event(MON, ChunkEventType.WRITTEN, again.plannedAt()));
        assertThat(latest().get(jobId).status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void shouldStillSettleWithAnEventThatNamesNoPlan() {
        String jobId = h.request("AAPL", TF, MON, MON);
        h.chunks.readRecordsToList();
        // An event from a producer that predates plannedAt.
        h.events.pipeInput("AAPL:15m", event(MON, ChunkEventType.WRITTEN, null));
        assertThat(latest().get(jobId).status()).isEqualTo(JobStatus.DONE);
        advance(TIMEOUT);
        assertThat(h.chunks.isEmpty()).isTrue();
    }

    @Test
    void shouldNotMoveTheDeadlineOfADayWhenAnotherJobJoinsIt() {
        h.request("AAPL", TF, MON, MON);
        advance(TIMEOUT.minus(CHECK));
        h.request("AAPL", TF, MON, TUE);
        List<TestRecord<String, ChunkTask>> planned = h.chunks.readRecordsToList();
        assertThat(planned).extracting(r -> r.value().day()).containsExactly(MON, TUE);
        advance(CHECK);
        // Monday's deadline came from its first plan; Tuesday has most of its time left.
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON);
    }
}

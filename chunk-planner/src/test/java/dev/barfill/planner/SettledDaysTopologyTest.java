package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.time.MutableClock;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.DayCoverage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settled days on the production topology: a day fetched after its close plus the settle delay is
 * final even with intervals missing (covered, sparse, never planned again unless a request asks for
 * a refresh), and a session not settled yet is fetched again once its last fetch is older than
 * {@code refresh-after}.
 */
class SettledDaysTopologyTest {
    /** Tuesday 2026-11-24, a full 15m session of 26 bars. */
    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);
    /** Monday 2026-11-30, 11:00 in New York: its session is under way. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    private static final Instant IN_SESSION = Instant.parse("2026-11-30T16:00:00Z");
    private static final Duration REFRESH_AFTER = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;
    private final Map<LocalDate, DayCoverage> stored = new TreeMap<>();
    private final MutableClock clock = new MutableClock(IN_SESSION);
    private PlannerHarness h;

    private final CoverageLookup lookup = new CoverageLookup() {
        @Override
        public Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to) {
            return stored.values().stream().filter(DayCoverage::covered).map(DayCoverage::day)
                    .collect(Collectors.toSet());
        }

        @Override
        public Map<LocalDate, DayCoverage> storedDays(Series series, LocalDate from, LocalDate to) {
            return new TreeMap<>(stored);
        }
    };

    private void start() {
        h = new PlannerHarness(stateDir, clock, HistoryLimits.yahoo(), lookup,
                PlannerTimings.defaults().withRefreshAfter(REFRESH_AFTER));
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static DayCoverage settledSparse(LocalDate day) {
        return new DayCoverage(day, false, true, 20, 26, Instant.parse("2026-11-25T00:00:00Z"));
    }

    private String request(LocalDate day, boolean refresh) {
        h.send("ILLQ", Timeframe.M15, CoverageRequest.ofRange("ILLQ", "15m", day, day).withRefresh(refresh));
        return new CoverageWindow(Series.of("ILLQ", Timeframe.M15), day, day).jobId();
    }

    private JobProgress lastState(String jobId) {
        List<JobProgress> states = h.progress.readKeyValuesToList().stream().filter(kv -> kv.key.equals(jobId))
                .map(kv -> kv.value).toList();
        assertThat(states).as("states of %s", jobId).isNotEmpty();
        return states.get(states.size() - 1);
    }

    @Test
    void shouldCountASettledSparseDayAsCoveredAndNeverPlanIt() {
        start();
        stored.put(TUESDAY, settledSparse(TUESDAY));
        String job = request(TUESDAY, false);
        assertThat(h.chunks.isEmpty()).isTrue();
        JobProgress state = lastState(job);
        assertThat(state.status()).isEqualTo(JobStatus.DONE);
        assertThat(state.coveredDays()).isEqualTo(1);
        assertThat(state.sparseDays()).isEqualTo(1);
        assertThat(state.sparseDates()).containsExactly(TUESDAY);

        request(TUESDAY, false);
        assertThat(h.chunks.isEmpty()).as("asked again, still nothing to fetch").isTrue();
    }

    @Test
    void shouldPlanASettledDayAgainWhenTheRequestAsksForARefresh() {
        start();
        stored.put(TUESDAY, settledSparse(TUESDAY));
        String job = request(TUESDAY, false);
        assertThat(lastState(job).status()).isEqualTo(JobStatus.DONE);

        request(TUESDAY, true);
        List<ChunkTask> tasks = h.chunks.readValuesToList();
        assertThat(tasks).extracting(ChunkTask::day).containsExactly(TUESDAY);
        JobProgress state = lastState(job);
        assertThat(state.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(state.pendingDays()).containsExactly(TUESDAY);
        assertThat(state.coveredDays()).isZero();
    }

    @Test
    void shouldFetchASessionNotSettledAgainOnceItsLastFetchIsOlderThanRefreshAfter() {
        start();
        stored.put(MONDAY, new DayCoverage(MONDAY, false, false, 6, 26, IN_SESSION.minusSeconds(120)));
        String job = request(MONDAY, false);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MONDAY);
        assertThat(lastState(job).pendingDays()).containsExactly(MONDAY);
    }

    @Test
    void shouldNotFetchASessionNotSettledWhoseLastFetchIsYoungerThanRefreshAfter() {
        start();
        stored.put(MONDAY, new DayCoverage(MONDAY, false, false, 6, 26, IN_SESSION.minusSeconds(10)));
        String job = request(MONDAY, false);
        assertThat(h.chunks.isEmpty()).isTrue();
        JobProgress state = lastState(job);
        assertThat(state.status()).isEqualTo(JobStatus.DONE);
        assertThat(state.sparseDays()).as("not settled: not sparse").isZero();
    }

    @Test
    void shouldReopenADoneJobOfTodayWhenItIsAskedAgainAfterRefreshAfter() {
        start();
        stored.put(MONDAY, new DayCoverage(MONDAY, false, false, 6, 26, IN_SESSION.minusSeconds(10)));
        String job = request(MONDAY, false);
        assertThat(lastState(job).status()).isEqualTo(JobStatus.DONE);

        clock.advance(Duration.ofMinutes(2));
        request(MONDAY, false);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MONDAY);
        assertThat(lastState(job).status()).isEqualTo(JobStatus.RUNNING);

        stored.put(MONDAY, new DayCoverage(MONDAY, false, false, 14, 26, clock.instant()));
        h.events.pipeInput("ILLQ:15m", new ChunkEvent("ILLQ", Timeframe.M15, MONDAY, ChunkEventType.WRITTEN, 14, 0,
                "yahoo", null, clock.instant(), null, 26, false));
        JobProgress done = lastState(job);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.barsWritten()).isEqualTo(14);
        assertThat(done.sparseDays()).as("today is not settled").isZero();
    }

    @Test
    void shouldReportAWrittenDayThatSettledShortOfBarsAsSparseAndStillEndDone() {
        start();
        String job = request(TUESDAY, false);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(TUESDAY);
        h.events.pipeInput("ILLQ:15m", new ChunkEvent("ILLQ", Timeframe.M15, TUESDAY, ChunkEventType.WRITTEN, 20, 0,
                "yahoo", null, clock.instant(), null, 26, true));
        JobProgress state = lastState(job);
        assertThat(state.status()).isEqualTo(JobStatus.DONE);
        assertThat(state.doneDays()).isEqualTo(1);
        assertThat(state.sparseDays()).isEqualTo(1);
        assertThat(state.sparseDates()).containsExactly(TUESDAY);
    }
}

package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.time.MutableClock;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.CoverageUnavailableException;
import dev.barfill.planner.plan.RetryDelays;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that fails while requests arrive: requests are kept, never skipped, never planned
 * blind, and planned exactly once, in arrival order, when the database answers again. Meanwhile
 * the planner's health says DEGRADED.
 */
class CoverageOutageTopologyTest {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);
    private static final LocalDate WED = LocalDate.of(2026, 11, 25);
    private static final Duration FIRST = Duration.ofSeconds(1);

    @TempDir
    Path stateDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:00:00Z"));
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Series> lookups = new ArrayList<>();
    private PlannerHarness h;

    @BeforeEach
    void start() {
        CoverageLookup flaky = (series, from, to) -> {
            lookups.add(series);
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // As StoredCoverageLookup reports a pool that cannot reach PostgreSQL.
                throw new CoverageUnavailableException("coverage lookup failed for " + series + ": connection refused",
                        new SQLTransientConnectionException("Connection is not available, request timed out"));
            }
            return Set.of();
        };
        h = new PlannerHarness(stateDir, clock, HistoryLimits.yahoo(), flaky, new PlannerTimings(Duration.ofHours(6),
                Duration.ofMinutes(1), new RetryDelays(FIRST, Duration.ofSeconds(8))));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void advance(Duration d) {
        clock.advance(d);
        h.driver.advanceWallClockTime(d);
    }

    @Test
    void shouldKeepARequestWhileLookupsFailAndPlanItExactlyOnceWhenOneSucceeds() {
        failuresLeft.set(3);
        String jobId = h.request("AAPL", TF, MON, WED);
        assertThat(h.chunks.isEmpty()).isTrue();
        assertThat(h.progress.isEmpty()).isTrue();
        assertThat(h.dlq.isEmpty()).isTrue();
        assertThat(h.health.current().status()).isEqualTo(PlannerHealth.Status.DEGRADED);
        assertThat(h.health.current().lastError()).contains("connection refused");

        // Backoff 1 s, then 2 s: nothing is asked before a delay has run out.
        advance(FIRST);
        assertThat(lookups).hasSize(2);
        advance(FIRST);
        assertThat(lookups).hasSize(2);
        advance(FIRST);
        assertThat(lookups).hasSize(3);
        assertThat(h.health.current().status()).isEqualTo(PlannerHealth.Status.DEGRADED);
        advance(Duration.ofSeconds(4));

        assertThat(lookups).hasSize(4);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON, TUE, WED);
        List<JobProgress> updates = h.progress.readValuesToList();
        assertThat(updates).extracting(JobProgress::jobId).containsExactly(jobId);
        assertThat(updates.get(0).status()).isEqualTo(JobStatus.PLANNED);
        assertThat(h.health.current().status()).isEqualTo(PlannerHealth.Status.UP);
        advance(Duration.ofSeconds(30));
        assertThat(h.chunks.isEmpty()).isTrue();
        assertThat(lookups).hasSize(4);
        assertThat(h.dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldQueueLaterRequestsOfTheSeriesBehindAKeptOneAndPlanThemInArrivalOrder() {
        failuresLeft.set(1);
        String first = h.request("AAPL", TF, MON, TUE);
        String second = h.request("AAPL", TF, TUE, WED);
        // The second request does not reach the database: it waits behind the first.
        assertThat(lookups).hasSize(1);
        assertThat(h.chunks.isEmpty()).isTrue();

        advance(FIRST);
        List<TestRecord<String, JobProgress>> jobs = h.progress.readRecordsToList();
        assertThat(jobs).extracting(TestRecord::key).containsExactly(first, second);
        // The second job joins the Tuesday the first one has in flight.
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON, TUE, WED);
        assertThat(jobs.get(1).value().pendingDays()).containsExactly(TUE, WED);
        assertThat(h.health.current().status()).isEqualTo(PlannerHealth.Status.UP);
    }

    @Test
    void shouldPlanARequestOfAnotherSeriesAtOnceWhileOneSeriesIsKept() {
        failuresLeft.set(1);
        h.request("AAPL", TF, MON, TUE);
        h.request("MSFT", TF, MON, TUE);
        assertThat(h.chunks.readRecordsToList()).extracting(TestRecord::key).containsExactly("MSFT:15m", "MSFT:15m");
        advance(FIRST);
        assertThat(h.chunks.readRecordsToList()).extracting(TestRecord::key).containsExactly("AAPL:15m", "AAPL:15m");
    }
}

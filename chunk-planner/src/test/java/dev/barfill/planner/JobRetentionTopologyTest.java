package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finished jobs retire: once finished for longer than the retention (by the injected clock), a job
 * is tombstoned on {@code job-progress} and leaves the job store; running jobs stay. The tombstone
 * is stamped with the punctuation's wall-clock time, not the injected clock.
 */
class JobRetentionTopologyTest {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);
    private static final Duration RETENTION = Duration.ofHours(2);
    private static final Duration CHECK = Duration.ofMinutes(10);

    @TempDir
    Path stateDir;
    // Well away from the driver's wall clock (the real time at start), so the two cannot be confused.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:00:00Z"));
    private PlannerHarness h;
    private long wallClock;

    @BeforeEach
    void start() {
        wallClock = System.currentTimeMillis();
        h = new PlannerHarness(stateDir, clock, HistoryLimits.yahoo(), null,
                PlannerTimings.defaults().withJobRetention(RETENTION, CHECK));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Moves the injected clock and the driver's wall clock together, one retention check at a time. */
    private void advance(Duration d) {
        for (Duration left = d; !left.isZero(); ) {
            Duration step = left.compareTo(CHECK) < 0 ? left : CHECK;
            clock.advance(step);
            h.driver.advanceWallClockTime(step);
            wallClock += step.toMillis();
            left = left.minus(step);
        }
    }

    private KeyValueStore<String, JobProgress> jobStore() {
        return h.driver.getKeyValueStore(PlannerTopology.JOBS_STORE);
    }

    private List<TestRecord<String, JobProgress>> tombstones() {
        return h.progress.readRecordsToList().stream().filter(r -> r.value() == null).toList();
    }

    @Test
    void shouldTombstoneAndForgetAJobFinishedLongerAgoThanTheRetention() {
        String jobId = h.request("AAPL", TF, MON, MON);
        h.written("AAPL", TF, MON, 26);
        assertThat(jobStore().get(jobId).status()).isEqualTo(JobStatus.DONE);
        h.progress.readRecordsToList();

        advance(RETENTION.minus(CHECK));
        assertThat(tombstones()).isEmpty();
        assertThat(jobStore().get(jobId)).isNotNull();

        advance(CHECK.multipliedBy(2));
        List<TestRecord<String, JobProgress>> retired = tombstones();
        assertThat(retired).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(jobId);
            // The punctuation's wall-clock time, within the checks just run; never the injected clock.
            assertThat(r.timestamp()).isBetween(wallClock - CHECK.multipliedBy(2).toMillis() - 60_000, wallClock + 60_000);
            assertThat(r.timestamp()).isNotEqualTo(clock.instant().toEpochMilli());
        });
        assertThat(jobStore().get(jobId)).isNull();

        // Nothing more to retire: no second tombstone.
        advance(RETENTION);
        assertThat(tombstones()).isEmpty();
    }

    @Test
    void shouldRetireEveryFinishedStatusButKeepARunningJob() {
        // All planned before any day is stored: the harness's coverage is one set for every series.
        String done = h.request("AAPL", TF, MON, MON);
        String withErrors = h.request("MSFT", TF, MON, MON);
        String cancelled = h.request("NVDA", TF, MON, MON);
        String running = h.request("AMZN", TF, MON, TUE);
        h.written("AAPL", TF, MON, 26);
        h.failed("MSFT", TF, MON, "provider returned HTTP 404");
        h.cancel("NVDA", TF, cancelled);
        h.written("AMZN", TF, MON, 26);
        assertThat(jobStore().get(withErrors).status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
        assertThat(jobStore().get(cancelled).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(jobStore().get(running).status()).isEqualTo(JobStatus.RUNNING);
        h.progress.readRecordsToList();

        advance(RETENTION.plus(CHECK));

        assertThat(tombstones()).extracting(TestRecord::key).containsExactlyInAnyOrder(done, withErrors, cancelled);
        assertThat(jobStore().get(running)).isNotNull();
        assertThat(jobStore().get(done)).isNull();
    }

    @Test
    void shouldMeasureTheRetentionFromWhenTheJobFinishedNotFromWhenItWasCreated() {
        String jobId = h.request("AAPL", TF, MON, MON);
        advance(RETENTION);
        h.written("AAPL", TF, MON, 26);
        h.progress.readRecordsToList();

        advance(RETENTION.minus(CHECK));
        assertThat(tombstones()).isEmpty();
        advance(CHECK.multipliedBy(2));
        assertThat(tombstones()).extracting(TestRecord::key).containsExactly(jobId);
    }

    @Test
    void shouldPlanARetiredJobAgainWhenItsWindowIsAskedAgain() {
        String jobId = h.request("AAPL", TF, MON, MON);
        h.chunks.readRecordsToList();
        h.written("AAPL", TF, MON, 26);
        advance(RETENTION.plus(CHECK));
        h.progress.readRecordsToList();

        // Asked before retirement, the job would only be announced again; now it is a new job.
        h.stored.clear();
        assertThat(h.request("AAPL", TF, MON, MON)).isEqualTo(jobId);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON);
        JobProgress again = jobStore().get(jobId);
        assertThat(again.status()).isNotEqualTo(JobStatus.DONE);
        assertThat(again.createdAt()).isEqualTo(clock.instant());
    }
}

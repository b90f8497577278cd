package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.WindowSizes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1w series is planned, counted and settled by trading week, stamped on the week's first session. */
class WeeklyPlanningTopologyTest {
    // Friday 2026-07-10 after the close: every week of the window below has closed.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-10T23:00:00Z"), ZoneOffset.UTC);
    // Monday 2026-01-05 to Sunday 2026-07-05: 26 weeks, three of them starting on a holiday Monday
    // (Martin Luther King Day 19 Jan, Presidents' Day 16 Feb, Memorial Day 25 May).
    private static final LocalDate FROM = LocalDate.of(2026, 1, 5);
    private static final LocalDate TO = LocalDate.of(2026, 7, 5);

    @TempDir
    Path stateDir;

    private PlannerHarness h;

    @BeforeEach
    void start() {
        h = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo(), WindowSizes.standard(HistoryLimits.yahoo()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void shouldPlanOneChunkPerWeekStampedOnItsFirstSession() {
        h.request("AAPL", Timeframe.W1, FROM, TO);
        List<LocalDate> days = h.chunks.readValuesToList().stream().map(ChunkTask::day).toList();
        assertThat(days).hasSize(26).doesNotHaveDuplicates();
        assertThat(days).contains(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 5, 26))
                .doesNotContain(LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16), LocalDate.of(2026, 5, 25),
                        LocalDate.of(2026, 2, 18), LocalDate.of(2026, 5, 27));
        assertThat(days.stream().filter(d -> d.getDayOfWeek() != DayOfWeek.MONDAY))
                .containsExactly(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 5, 26));
        JobProgress job = h.progress.readValue();
        assertThat(job.totalDays()).isEqualTo(26);
        assertThat(job.pendingDays()).hasSize(26);
        assertThat(job.expectedBars()).isEqualTo(26);
    }

    @Test
    void shouldCountAStoredWeekAsCoveredAndFinishWhenEveryWeekIsWritten() {
        h.stored.add(LocalDate.of(2026, 2, 17));
        String jobId = h.request("AAPL", Timeframe.W1, FROM, TO);
        List<LocalDate> days = h.chunks.readValuesToList().stream().map(ChunkTask::day).toList();
        assertThat(days).hasSize(25).doesNotContain(LocalDate.of(2026, 2, 17));
        assertThat(h.progress.readValue().coveredDays()).isEqualTo(1);
        days.forEach(day -> h.written("AAPL", Timeframe.W1, day, 1));
        List<JobProgress> updates = h.progress.readValuesToList();
        JobProgress last = updates.get(updates.size() - 1);
        assertThat(last.jobId()).isEqualTo(jobId);
        assertThat(last.status()).isEqualTo(JobStatus.DONE);
        assertThat(last.doneDays()).isEqualTo(25);
        assertThat(last.totalDays()).isEqualTo(26);
    }
}

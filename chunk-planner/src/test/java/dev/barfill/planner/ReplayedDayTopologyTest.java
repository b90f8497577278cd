package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A day failed, dead-lettered, then replayed and stored: its job counts it done, once. */
class ReplayedDayTopologyTest extends PlannerTestBase {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate NOV_23 = LocalDate.of(2026, 11, 23);
    private static final LocalDate NOV_24 = LocalDate.of(2026, 11, 24);
    private static final LocalDate NOV_27 = LocalDate.of(2026, 11, 27);

    private JobProgress job(String jobId) {
        return h.progress.readKeyValuesToMap().get(jobId);
    }

    @Test
    void shouldTurnAJobDoneWhenItsOnlyFailedDayIsStoredByAReplayEvenWhenTheEventComesTwice() {
        String jobId = h.request("AAPL", TF, NOV_23, NOV_27);
        List<ChunkTask> chunks = h.chunks.readValuesToList();
        for (ChunkTask c : chunks) {
            if (c.day().equals(NOV_24)) {
                h.failed("AAPL", TF, c.day(), "yahoo refused: 404");
            } else {
                h.written("AAPL", TF, c.day(), 26);
            }
        }
        JobProgress failed = job(jobId);
        assertThat(failed.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
        assertThat(failed.failedDates()).containsExactly(NOV_24);
        assertThat(failed.doneDays()).isEqualTo(chunks.size() - 1);

        ChunkEvent replayed = h.writtenEvent("AAPL", TF, NOV_24, 26);
        h.events.pipeInput("AAPL:15m", replayed);
        JobProgress done = job(jobId);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.failedDays()).isZero();
        assertThat(done.failedDates()).isEmpty();
        assertThat(done.doneDays()).isEqualTo(chunks.size());
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.barsWritten()).isEqualTo(failed.barsWritten() + 26);
        assertThat(done.lastErrors()).noneMatch(e -> e.startsWith(NOV_24 + ":"));

        h.events.pipeInput("AAPL:15m", replayed);
        assertThat(h.progress.readKeyValuesToMap()).as("a duplicated replay changes nothing").isEmpty();
        JobProgress stored = h.driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE).get(jobId);
        assertThat(stored.doneDays()).isEqualTo(chunks.size());
        assertThat(stored.barsWritten()).isEqualTo(done.barsWritten());
    }

    @Test
    void shouldCountARecoveredDayDoneWhileTheJobStillRunsAndEndItDoneWithItsLastDay() {
        String jobId = h.request("AAPL", TF, NOV_23, NOV_27);
        List<ChunkTask> chunks = h.chunks.readValuesToList();
        h.failed("AAPL", TF, NOV_23, "yahoo refused: 404");
        h.events.pipeInput("AAPL:15m", h.writtenEvent("AAPL", TF, NOV_23, 26));
        JobProgress running = job(jobId);
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.doneDays()).isEqualTo(1);
        assertThat(running.failedDays()).isZero();
        assertThat(running.pendingDays()).hasSize(chunks.size() - 1);

        chunks.stream().filter(c -> !c.day().equals(NOV_23)).forEach(c -> h.written("AAPL", TF, c.day(), 26));
        JobProgress done = job(jobId);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.doneDays()).isEqualTo(chunks.size());
    }

    @Test
    void shouldRecoverTheDayForEveryJobOfItsSeriesThatFailedItAndForNoOther() {
        String week = h.request("AAPL", TF, NOV_23, NOV_27);
        String monday = h.request("AAPL", TF, NOV_23, NOV_23);
        String msft = h.request("MSFT", TF, NOV_23, NOV_23);
        h.chunks.readValuesToList();
        h.failed("AAPL", TF, NOV_23, "yahoo refused: 404");
        h.failed("MSFT", TF, NOV_23, "yahoo refused: 404");
        assertThat(job(msft).status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);

        h.events.pipeInput("AAPL:15m", h.writtenEvent("AAPL", TF, NOV_23, 26));
        Map<String, JobProgress> changed = h.progress.readKeyValuesToMap();
        assertThat(changed.keySet()).containsExactlyInAnyOrder(week, monday);
        assertThat(changed.get(monday).status()).isEqualTo(JobStatus.DONE);
        assertThat(changed.get(week).failedDates()).isEmpty();
    }

    @Test
    void shouldLeaveACancelledJobAsItWasCancelled() {
        String jobId = h.request("AAPL", TF, NOV_23, NOV_27);
        h.chunks.readValuesToList();
        h.failed("AAPL", TF, NOV_23, "yahoo refused: 404");
        h.cancel("AAPL", TF, jobId);
        assertThat(job(jobId).status()).isEqualTo(JobStatus.CANCELLED);

        h.events.pipeInput("AAPL:15m", h.writtenEvent("AAPL", TF, NOV_23, 26));
        assertThat(h.progress.readKeyValuesToMap()).isEmpty();
    }

    @Test
    void shouldEndTheJobARerunWasAskedFromDoneWhenTheRerunsOwnJobStoresTheFailedDayEvenWhenTheEventComesTwice() {
        String original = h.request("AAPL", TF, NOV_23, NOV_27);
        List<ChunkTask> chunks = h.chunks.readValuesToList();
        for (ChunkTask c : chunks) {
            if (c.day().equals(NOV_24)) {
                h.failed("AAPL", TF, c.day(), "yahoo refused: 404");
            } else {
                h.written("AAPL", TF, c.day(), 26);
            }
        }
        JobProgress failed = job(original);
        assertThat(failed.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);

        // "Re-run failed days": a request over the failed span, planned as its own job and flight.
        String rerun = h.request("AAPL", TF, NOV_24, NOV_24);
        assertThat(rerun).isNotEqualTo(original);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(NOV_24);
        assertThat(job(rerun).pendingDays()).containsExactly(NOV_24);

        ChunkEvent written = h.writtenEvent("AAPL", TF, NOV_24, 26);
        h.events.pipeInput("AAPL:15m", written);
        Map<String, JobProgress> changed = h.progress.readKeyValuesToMap();
        assertThat(changed.keySet()).containsExactlyInAnyOrder(original, rerun);
        JobProgress rerunDone = changed.get(rerun);
        assertThat(rerunDone.status()).isEqualTo(JobStatus.DONE);
        assertThat(rerunDone.doneDays()).isEqualTo(1);
        assertThat(rerunDone.barsWritten()).isEqualTo(26);
        JobProgress originalDone = changed.get(original);
        assertThat(originalDone.status()).isEqualTo(JobStatus.DONE);
        assertThat(originalDone.failedDays()).isZero();
        assertThat(originalDone.failedDates()).isEmpty();
        assertThat(originalDone.doneDays()).isEqualTo(chunks.size());
        assertThat(originalDone.progress()).isEqualTo(100);
        assertThat(originalDone.barsWritten()).isEqualTo(failed.barsWritten() + 26);
        assertThat(originalDone.lastErrors()).noneMatch(e -> e.startsWith(NOV_24 + ":"));

        h.events.pipeInput("AAPL:15m", written);
        assertThat(h.progress.readKeyValuesToMap()).as("the event delivered twice changes nothing").isEmpty();
        var store = h.driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE);
        assertThat(store.get(original).doneDays()).isEqualTo(chunks.size());
        assertThat(store.get(original).barsWritten()).isEqualTo(originalDone.barsWritten());
        assertThat(store.get(rerun).doneDays()).isEqualTo(1);
        assertThat(store.get(rerun).barsWritten()).isEqualTo(26);
    }
}

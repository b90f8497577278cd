package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** A job asked for again after it finished, and a job cancelled while its days are in flight. */
class JobLifecycleTopologyTest extends PlannerTestBase {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);
    private static final LocalDate WED = LocalDate.of(2026, 11, 25);
    private static final LocalDate FRI = LocalDate.of(2026, 11, 27);

    private Map<String, JobProgress> latest() {
        return h.progress.readKeyValuesToMap();
    }

    @Test
    void shouldPlanTheFailedDaysOfAJobDoneWithErrorsAgainUnderTheSameId() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        h.chunks.readRecordsToList();
        h.written("AAPL", TF, MON, 26);
        h.failed("AAPL", TF, TUE, "yahoo refused: 502");
        assertThat(latest().get(jobId).status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);

        assertThat(h.request("AAPL", TF, MON, TUE)).isEqualTo(jobId);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(TUE);
        JobProgress again = latest().get(jobId);
        assertThat(again.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(again.pendingDays()).containsExactly(TUE);
        assertThat(again.coveredDays()).isEqualTo(1);
        assertThat(again.failedDays()).isZero();
        assertThat(again.lastErrors()).containsExactly("2026-11-24: yahoo refused: 502");

        h.written("AAPL", TF, TUE, 26);
        JobProgress done = latest().get(jobId);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.barsWritten()).isEqualTo(52);
    }

    @Test
    void shouldReannounceADoneJobAskedForAgainWithoutPlanningAnything() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        h.chunks.readRecordsToList();
        h.written("AAPL", TF, MON, 26);
        h.written("AAPL", TF, TUE, 26);
        JobProgress done = latest().get(jobId);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);

        h.request("AAPL", TF, MON, TUE);
        assertThat(h.chunks.isEmpty()).isTrue();
        assertThat(h.progress.readValuesToList()).containsExactly(done);
    }

    @Test
    void shouldCancelAJobAndMarkEveryOneOfItsFlightsCancelled() {
        String jobId = h.request("AAPL", TF, MON, FRI);
        List<ChunkTask> planned = h.chunks.readValuesToList();
        h.progress.readRecordsToList();

        h.cancel("AAPL", TF, jobId);
        JobProgress cancelled = h.progress.readValue();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.doneDays()).isZero();
        List<TestRecord<String, ChunkCancellation>> markers = h.cancellations.readRecordsToList();
        assertThat(markers).extracting(TestRecord::key).containsExactly("AAPL:15m:2026-11-23", "AAPL:15m:2026-11-24",
                "AAPL:15m:2026-11-25", "AAPL:15m:2026-11-27");
        // Each marker names exactly the chunk that was sent, which is what a fetcher matches on.
        for (int i = 0; i < planned.size(); i++) {
            assertThat(markers.get(i).value().cancels(planned.get(i))).isTrue();
        }
    }

    @Test
    void shouldLetAnEventOfACancelledDayThatWasFetchedAnywaySettleNothing() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        h.cancel("AAPL", TF, jobId);
        h.progress.readRecordsToList();
        h.written("AAPL", TF, MON, 26);
        h.failed("AAPL", TF, TUE, "late");
        assertThat(h.progress.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepFetchingTheDaysAnotherLiveJobStillWaitsOn() {
        String shortJob = h.request("AAPL", TF, MON, TUE);
        String longJob = h.request("AAPL", TF, MON, FRI);
        h.chunks.readRecordsToList();

        h.cancel("AAPL", TF, longJob);
        assertThat(h.cancellations.readRecordsToList()).extracting(TestRecord::key)
                .containsExactly("AAPL:15m:2026-11-25", "AAPL:15m:2026-11-27");
        h.written("AAPL", TF, MON, 26);
        h.written("AAPL", TF, TUE, 26);
        Map<String, JobProgress> jobs = latest();
        assertThat(jobs.get(shortJob).status()).isEqualTo(JobStatus.DONE);
        assertThat(jobs.get(longJob).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(jobs.get(longJob).doneDays()).isZero();
    }

    @Test
    void shouldIgnoreASecondCancelAndACancelOfAFinishedOrUnknownJob() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        h.cancel("AAPL", TF, jobId);
        h.cancellations.readRecordsToList();
        JobProgress cancelled = latest().get(jobId);

        h.cancel("AAPL", TF, jobId);
        h.cancel("AAPL", TF, "AAPL-15m-000000000000");
        assertThat(h.cancellations.isEmpty()).isTrue();
        assertThat(h.progress.readValuesToList()).containsExactly(cancelled);
    }

    @Test
    void shouldPlanACancelledJobAgainAsANewFlightThatNoMarkerStops() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        List<ChunkTask> first = h.chunks.readValuesToList();
        h.cancel("AAPL", TF, jobId);
        List<ChunkCancellation> markers = h.cancellations.readValuesToList();

        h.request("AAPL", TF, MON, TUE);
        List<ChunkTask> second = h.chunks.readValuesToList();
        assertThat(second).extracting(ChunkTask::day).containsExactly(MON, TUE);
        // The clock stands still here, yet the new flight is told apart from the cancelled one.
        assertThat(second.get(0).plannedAt()).isAfter(first.get(0).plannedAt());
        assertThat(markers).noneMatch(m -> second.stream().anyMatch(m::cancels));
        assertThat(latest().get(jobId).status()).isEqualTo(JobStatus.RUNNING);

        h.written("AAPL", TF, MON, 26);
        h.written("AAPL", TF, TUE, 26);
        assertThat(latest().get(jobId).status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void shouldNotLetADayWaitedOnOnlyByACancelledJobBlockANewJob() {
        String cancelledJob = h.request("AAPL", TF, MON, TUE);
        h.cancel("AAPL", TF, cancelledJob);
        h.chunks.readRecordsToList();
        String next = h.request("AAPL", TF, MON, WED);
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON, TUE, WED);
        h.written("AAPL", TF, MON, 26);
        h.written("AAPL", TF, TUE, 26);
        h.written("AAPL", TF, WED, 26);
        Map<String, JobProgress> jobs = latest();
        assertThat(jobs.get(next).status()).isEqualTo(JobStatus.DONE);
        assertThat(jobs.get(cancelledJob).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void shouldSkipAnUndecodableCommandAndCarryOutTheNextOne() {
        String jobId = h.request("AAPL", TF, MON, TUE);
        h.progress.readRecordsToList();
        h.driver.createInputTopic(h.topics.jobCommands.name(), Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("AAPL:15m", "{\"type\":\"CANCEL\"}");
        assertThat(h.progress.isEmpty()).isTrue();
        h.cancel("AAPL", TF, jobId);
        assertThat(h.progress.readValue().status()).isEqualTo(JobStatus.CANCELLED);
    }
}

package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.RetryingDay;
import dev.barfill.core.Timeframe;
import dev.barfill.planner.plan.SeriesState;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** A day on its way to another attempt shows on its jobs as retrying, and settles nothing. */
class RetryingDayTopologyTest extends PlannerTestBase {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate NOV_23 = LocalDate.of(2026, 11, 23);
    private static final LocalDate NOV_24 = LocalDate.of(2026, 11, 24);
    private static final LocalDate NOV_27 = LocalDate.of(2026, 11, 27);

    private ChunkTask chunkOf(List<ChunkTask> chunks, LocalDate day) {
        return chunks.stream().filter(c -> c.day().equals(day)).findFirst().orElseThrow();
    }

    private static ChunkTask next(ChunkTask task, int attempt) {
        return new ChunkTask(task.symbol(), task.timeframe(), task.day(), task.jobIds(), attempt, task.plannedAt(),
                task.plannedAt().plusSeconds(5), List.of("HTTP 503"));
    }

    @Test
    void shouldShowARetryingDayOnItsJobsWithoutCountingItThenSettleItOnceWritten() {
        String week = h.request("AAPL", TF, NOV_23, NOV_27);
        String monday = h.request("AAPL", TF, NOV_23, NOV_23);
        List<ChunkTask> chunks = h.chunks.readValuesToList();
        ChunkTask mon = chunkOf(chunks, NOV_23);
        h.progress.readKeyValuesToMap();

        ChunkEvent retrying = ChunkEvent.retrying(next(mon, 2), "yahoo", "yahoo answered HTTP 503", null,
                CLOCK.instant());
        h.events.pipeInput("AAPL:15m", retrying);
        Map<String, JobProgress> shown = h.progress.readKeyValuesToMap();
        assertThat(shown.keySet()).containsExactlyInAnyOrder(week, monday);
        JobProgress job = shown.get(week);
        assertThat(job.retrying()).singleElement().isEqualTo(
                new RetryingDay(NOV_23, 2, "yahoo", "yahoo answered HTTP 503", null, CLOCK.instant()));
        assertThat(job.pendingDays()).hasSize(chunks.size());
        assertThat(job.doneDays() + job.failedDays()).isZero();
        assertThat(job.progress()).isZero();
        assertThat(job.status()).isEqualTo(JobStatus.PLANNED);
        KeyValueStore<String, SeriesState> series = h.driver.getKeyValueStore(PlannerTopology.SERIES_STORE);
        assertThat(series.get("AAPL:15m").isInFlight(NOV_23)).as("still in flight").isTrue();

        h.events.pipeInput("AAPL:15m", retrying);
        assertThat(h.progress.readKeyValuesToMap()).as("a duplicated report changes nothing").isEmpty();

        h.events.pipeInput("AAPL:15m", h.writtenEvent("AAPL", TF, NOV_23, 26));
        JobProgress done = h.progress.readKeyValuesToMap().get(monday);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.doneDays()).isEqualTo(1);
        assertThat(done.retrying()).isEmpty();

        chunks.stream().filter(c -> !c.day().equals(NOV_23)).forEach(c -> h.written("AAPL", TF, c.day(), 26));
        JobProgress weekDone = h.progress.readKeyValuesToMap().get(week);
        assertThat(weekDone.status()).isEqualTo(JobStatus.DONE);
        assertThat(weekDone.doneDays()).isEqualTo(chunks.size());
        assertThat(weekDone.failedDays()).isZero();
        assertThat(weekDone.progress()).isEqualTo(100);
        assertThat(weekDone.retrying()).isEmpty();
    }

    @Test
    void shouldNameTheTrippedProviderWhileItHoldsADayAndKeepOnlyTheNewestReportOfTheDay() {
        String week = h.request("AAPL", TF, NOV_23, NOV_27);
        List<ChunkTask> chunks = h.chunks.readValuesToList();
        ChunkTask tue = chunkOf(chunks, NOV_24);
        h.events.pipeInput("AAPL:15m", ChunkEvent.retrying(next(tue, 2), "yahoo", "yahoo answered HTTP 429", null,
                CLOCK.instant()));
        h.events.pipeInput("AAPL:15m", ChunkEvent.retrying(next(tue, 2), "yahoo",
                "yahoo tripped until 2026-11-30T23:10:00Z: answered 429", "yahoo", CLOCK.instant().plusSeconds(5)));
        JobProgress job = h.driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE).get(week);
        assertThat(job.retrying()).singleElement().satisfies(r -> {
            assertThat(r.tripped()).isEqualTo("yahoo");
            assertThat(r.reason()).startsWith("yahoo tripped until");
        });
        assertThat(job.trippedProviders()).containsExactly("yahoo");

        // A late report of the first failure does not hide the newer one.
        h.events.pipeInput("AAPL:15m", ChunkEvent.retrying(next(tue, 2), "yahoo", "yahoo answered HTTP 429", null,
                CLOCK.instant()));
        assertThat(h.driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE).get(week).trippedProviders())
                .containsExactly("yahoo");

        h.failed("AAPL", TF, NOV_24, "gave up after 3 attempts");
        JobProgress failed = h.driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE).get(week);
        assertThat(failed.retrying()).isEmpty();
        assertThat(failed.trippedProviders()).isEmpty();
        assertThat(failed.failedDates()).containsExactly(NOV_24);
    }

    @Test
    void shouldIgnoreARetryOfAnOlderFlightOrOfADayNoLongerInFlight() {
        String week = h.request("AAPL", TF, NOV_23, NOV_27);
        ChunkTask mon = chunkOf(h.chunks.readValuesToList(), NOV_23);
        ChunkTask older = new ChunkTask(mon.symbol(), TF, NOV_23, List.of(week), 2, mon.plannedAt().minus(Duration.ofHours(1)),
                null, List.of());
        h.progress.readKeyValuesToMap();
        h.events.pipeInput("AAPL:15m", ChunkEvent.retrying(older, "yahoo", "HTTP 503", null, CLOCK.instant()));
        h.written("AAPL", TF, NOV_23, 26);
        h.events.pipeInput("AAPL:15m", ChunkEvent.retrying(next(mon, 2), "yahoo", "HTTP 503", null, CLOCK.instant()));
        List<JobProgress> changes = h.progress.readValuesToList();
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).retrying()).isEmpty();
        assertThat(changes.get(0).doneDays()).isEqualTo(1);
    }

    @Test
    void shouldKeepAtMostTheNewestRetryingDaysOfALongWindow() {
        String quarter = h.request("AAPL", TF, LocalDate.of(2026, 9, 8), NOV_27);
        List<ChunkTask> chunks = h.chunks.readValuesToList();
        assertThat(chunks.size()).isGreaterThan(JobProgress.MAX_RETRYING);
        for (int i = 0; i < chunks.size(); i++) {
            h.events.pipeInput("AAPL:15m", ChunkEvent.retrying(next(chunks.get(i), 2), "yahoo", "x".repeat(500), null,
                    CLOCK.instant().plusSeconds(i)));
        }
        JobProgress job = h.driver.<String, JobProgress>getKeyValueStore(PlannerTopology.JOBS_STORE).get(quarter);
        assertThat(job.retrying()).hasSize(JobProgress.MAX_RETRYING);
        assertThat(job.retrying().get(JobProgress.MAX_RETRYING - 1).day()).isEqualTo(chunks.get(chunks.size() - 1).day());
        assertThat(job.retrying()).allSatisfy(r -> assertThat(r.reason()).hasSize(RetryingDay.MAX_REASON));
        assertThat(job.pendingDays()).hasSize(chunks.size());
    }
}

package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.planner.plan.SeriesState;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Progress stays exact: each day fetched once, counted once, and bad records harm nothing else. */
class ExactnessTopologyTest extends PlannerTestBase {
    private static final Timeframe TF = Timeframe.M15;
    private static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
    private static final LocalDate NOV_27 = LocalDate.of(2026, 11, 27);

    private static int bars(LocalDate day) {
        return day.equals(NOV_27) ? 14 : 26;
    }

    @Test
    void shouldFetchEachDayOnceForOverlappingJobsAndBringBothTo100() {
        // AAPL 15m for the last week, then for the whole month: the month joins the week's days.
        String week = h.request("AAPL", TF, LocalDate.of(2026, 11, 23), NOV_27);
        String month = h.request("AAPL", TF, NOV_2, NOV_27);
        List<ChunkTask> planned = h.chunks.readValuesToList();
        assertThat(planned).extracting(ChunkTask::day).doesNotHaveDuplicates().hasSize(19);

        planned.forEach(c -> h.written("AAPL", TF, c.day(), bars(c.day())));
        Map<String, JobProgress> jobs = h.progress.readKeyValuesToMap();
        assertThat(jobs.get(week).doneDays()).isEqualTo(4);
        assertThat(jobs.get(month).doneDays()).isEqualTo(19);
        assertThat(jobs.values()).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.DONE);
            assertThat(j.progress()).isEqualTo(100);
            assertThat(j.barsWritten()).isEqualTo(j.expectedBars());
        });
    }

    @Test
    void shouldLeaveEveryJobUnchangedWhenEveryChunkEventIsReplayedTwice() {
        String week = h.request("AAPL", TF, LocalDate.of(2026, 11, 23), NOV_27);
        String month = h.request("AAPL", TF, NOV_2, NOV_27);
        String msft = h.request("MSFT", TF, NOV_2, LocalDate.of(2026, 11, 6));
        List<ChunkEvent> sent = new ArrayList<>();
        for (ChunkTask chunk : h.chunks.readValuesToList()) {
            if (chunk.day().equals(LocalDate.of(2026, 11, 4))) {
                h.failed(chunk.symbol(), TF, chunk.day(), "yahoo refused: 502");
                sent.add(null);
            } else {
                ChunkEvent event = h.writtenEvent(chunk.symbol(), TF, chunk.day(), bars(chunk.day()));
                h.events.pipeInput(chunk.series().key(), event);
                sent.add(event);
            }
        }
        Map<String, JobProgress> before = h.progress.readKeyValuesToMap();
        assertThat(before.keySet()).containsExactlyInAnyOrder(week, month, msft);
        KeyValueStore<String, SeriesState> series = h.driver.getKeyValueStore(PlannerTopology.SERIES_STORE);
        assertThat(series.get("AAPL:15m").inFlight()).isEmpty();

        for (int replay = 0; replay < 2; replay++) {
            for (ChunkEvent event : sent) {
                if (event != null) {
                    h.events.pipeInput(event.series().key(), event);
                }
            }
            h.failed("AAPL", TF, LocalDate.of(2026, 11, 4), "yahoo refused: 502");
            h.failed("MSFT", TF, LocalDate.of(2026, 11, 4), "yahoo refused: 502");
        }
        assertThat(h.progress.isEmpty()).isTrue();
        KeyValueStore<String, JobProgress> jobs = h.driver.getKeyValueStore(PlannerTopology.JOBS_STORE);
        for (String id : List.of(week, month, msft)) {
            assertThat(jobs.get(id)).isEqualTo(before.get(id));
        }
        assertThat(before.get(month).failedDays()).isEqualTo(1);
        assertThat(before.get(month).doneDays()).isEqualTo(18);
        assertThat(before.get(msft).status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
    }

    @Test
    void shouldGiveOneSetOfChunksWhenTheSameRequestArrivesAgainWhileItsDaysAreInFlight() {
        String jobId = h.request("AAPL", TF, NOV_2, LocalDate.of(2026, 11, 6));
        h.written("AAPL", TF, NOV_2, 26);
        h.request("AAPL", TF, NOV_2, LocalDate.of(2026, 11, 6));
        h.request("aapl", TF, NOV_2, LocalDate.of(2026, 11, 6));
        assertThat(h.chunks.readValuesToList()).hasSize(5);
        List<JobProgress> updates = h.progress.readValuesToList();
        assertThat(updates).extracting(JobProgress::jobId).containsOnly(jobId);
        assertThat(updates.get(updates.size() - 1).doneDays()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json                                                                  | body",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\",\"days\":5}                     | timeframe",
        "{\"symbol\":\"AA PL\",\"timeframe\":\"15m\",\"days\":5}                   | symbol",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2026-11-06\",\"to\":\"2026-11-02\"} | from",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2020-01-01\",\"to\":\"2026-11-02\"} | to",
    })
    void shouldSendABadRequestToTheDeadLetterTopicWithItsBytesAndReasonAndPlanTheNextOne(String body, String field) {
        h.requests.pipeInput("AAPL:15m", body.getBytes(StandardCharsets.UTF_8));
        h.request("AAPL", TF, NOV_2, NOV_2);
        TestRecord<String, byte[]> refused = h.dlq.readRecord();
        assertThat(new String(refused.value(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(header(refused, DeadLetters.FIELD)).isEqualTo(field);
        assertThat(header(refused, DeadLetters.REASON)).isNotBlank();
        assertThat(header(refused, DeadLetters.STAGE)).isEqualTo("planner");
        assertThat(header(refused, DeadLetters.SOURCE_TOPIC)).isEqualTo(h.topics.coverageRequests.name());
        assertThat(header(refused, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(refused, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(h.dlq.isEmpty()).isTrue();
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(NOV_2);
    }

    private static String header(TestRecord<String, byte[]> r, String name) {
        Header header = r.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

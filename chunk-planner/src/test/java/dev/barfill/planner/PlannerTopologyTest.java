package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:00:00Z"), ZoneOffset.UTC);
    // Mon 2026-11-23 .. Fri 2026-11-27: Thanksgiving (26th) is closed, so four trading days.
    private static final LocalDate FROM = LocalDate.of(2026, 11, 23);
    private static final LocalDate TO = LocalDate.of(2026, 11, 27);

    @TempDir
    Path stateDir;

    private PlannerHarness harness;
    private Topics topics;
    private Set<LocalDate> stored;
    private TestInputTopic<String, byte[]> requests;
    private TestInputTopic<String, ChunkEvent> events;
    private TestOutputTopic<String, ChunkTask> chunks;
    private TestOutputTopic<String, JobProgress> progress;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start() {
        harness = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo());
        topics = harness.topics;
        stored = harness.stored;
        requests = harness.requests;
        events = harness.events;
        chunks = harness.chunks;
        progress = harness.progress;
        dlq = harness.dlq;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void request(String symbol, LocalDate from, LocalDate to) throws Exception {
        requests.pipeInput(symbol + ":15m", Json.mapper().writeValueAsBytes(CoverageRequest.ofRange(symbol, "15m", from, to)));
    }

    private static ChunkEvent written(String symbol, LocalDate day, int bars) {
        return new ChunkEvent(symbol, Timeframe.M15, day, ChunkEventType.WRITTEN, bars, 0, "yahoo", null, CLOCK.instant());
    }

    @Test
    void shouldPlanOneChunkPerMissingTradingDay() throws Exception {
        stored.add(LocalDate.of(2026, 11, 24));
        request("AAPL", FROM, TO);
        List<TestRecord<String, ChunkTask>> planned = chunks.readRecordsToList();
        assertThat(planned).extracting(r -> r.value().day()).containsExactly(
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27));
        assertThat(planned).extracting(TestRecord::key).containsOnly("AAPL:15m");
        JobProgress job = progress.readValue();
        assertThat(job.totalDays()).isEqualTo(4);
        assertThat(job.coveredDays()).isEqualTo(1);
        assertThat(job.status()).isEqualTo(JobStatus.PLANNED);
        assertThat(job.progress()).isEqualTo(25);
    }

    @Test
    void shouldAnswerAFullyCoveredWindowWithADoneJobAndNoChunks() throws Exception {
        stored.addAll(List.of(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25),
                LocalDate.of(2026, 11, 27)));
        request("AAPL", FROM, TO);
        assertThat(chunks.isEmpty()).isTrue();
        JobProgress job = progress.readValue();
        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(job.progress()).isEqualTo(100);
    }

    @Test
    void shouldGiveOneJobAndOneSetOfChunksForTheSameRequestTwice() throws Exception {
        request("AAPL", FROM, TO);
        request("AAPL", FROM, TO);
        assertThat(chunks.readRecordsToList()).hasSize(4);
        assertThat(progress.readRecordsToList()).extracting(r -> r.key()).containsOnly(
                new dev.barfill.core.CoverageWindow(Series.of("AAPL", Timeframe.M15), FROM, TO).jobId());
    }

    @Test
    void shouldShareInFlightDaysBetweenOverlappingJobsAndAdvanceBoth() throws Exception {
        request("AAPL", FROM, LocalDate.of(2026, 11, 24));
        request("AAPL", FROM, TO);
        // The second job only plans the two days the first one does not already have in flight.
        assertThat(chunks.readRecordsToList()).extracting(r -> r.value().day()).containsExactly(
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24),
                LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27));
        progress.readRecordsToList();
        for (LocalDate day : List.of(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24),
                LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27))) {
            events.pipeInput("AAPL:15m", written("AAPL", day, 26));
        }
        var last = progress.readKeyValuesToMap();
        assertThat(last).hasSize(2);
        assertThat(last.values()).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.DONE);
            assertThat(j.progress()).isEqualTo(100);
        });
        assertThat(last.values()).extracting(JobProgress::doneDays).containsExactlyInAnyOrder(2, 4);
    }

    @Test
    void shouldCountADayOnceWhenItsEventIsDuplicatedOrReplayed() throws Exception {
        request("AAPL", FROM, TO);
        progress.readRecordsToList();
        ChunkEvent monday = written("AAPL", LocalDate.of(2026, 11, 23), 26);
        events.pipeInput("AAPL:15m", monday);
        events.pipeInput("AAPL:15m", monday);
        events.pipeInput("AAPL:15m", monday);
        List<JobProgress> updates = progress.readValuesToList();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).doneDays()).isEqualTo(1);
        assertThat(updates.get(0).barsWritten()).isEqualTo(26);
        assertThat(updates.get(0).progress()).isEqualTo(25);
    }

    @Test
    void shouldEndWithErrorsWhenADayFails() throws Exception {
        request("AAPL", FROM, LocalDate.of(2026, 11, 24));
        progress.readRecordsToList();
        events.pipeInput("AAPL:15m", written("AAPL", LocalDate.of(2026, 11, 23), 26));
        events.pipeInput("AAPL:15m", new ChunkEvent("AAPL", Timeframe.M15, LocalDate.of(2026, 11, 24),
                ChunkEventType.FAILED, 0, 0, "yahoo", "yahoo refused: Not Found", CLOCK.instant()));
        JobProgress job = progress.readValuesToList().get(1);
        assertThat(job.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
        assertThat(job.failedDays()).isEqualTo(1);
        assertThat(job.lastErrors()).containsExactly("2026-11-24: yahoo refused: Not Found");
    }

    @Test
    void shouldSendGarbageToTheDeadLetterTopicAndKeepPlanning() throws Exception {
        requests.pipeInput("AAPL:15m", "{not json".getBytes(StandardCharsets.UTF_8));
        requests.pipeInput("AAPL:7m", "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\",\"days\":5}".getBytes(StandardCharsets.UTF_8));
        request("AAPL", FROM, TO);
        List<TestRecord<String, byte[]>> refused = dlq.readRecordsToList();
        assertThat(refused).hasSize(2);
        assertThat(new String(refused.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(refused.get(0), DeadLetters.REASON)).contains("not a JSON coverage request");
        assertThat(header(refused.get(0), DeadLetters.CLASS)).isEqualTo("UNDECODABLE");
        assertThat(header(refused.get(1), DeadLetters.FIELD)).isEqualTo("timeframe");
        assertThat(header(refused.get(1), DeadLetters.CLASS)).isEqualTo("INVALID");
        assertThat(header(refused.get(1), DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.coverageRequests.name());
        assertThat(chunks.readRecordsToList()).hasSize(4);
    }

    @Test
    void shouldRekeyARequestSentUnderAnotherKey() throws Exception {
        requests.pipeInput("whatever", Json.mapper().writeValueAsBytes(CoverageRequest.ofRange("msft", "15m", FROM, TO)));
        // The copy re-keyed by series goes back to the request topic, where it is planned.
        List<TestRecord<String, ChunkTask>> planned = chunks.readRecordsToList();
        assertThat(planned).hasSize(4);
        assertThat(planned).extracting(TestRecord::key).containsOnly("MSFT:15m");
        assertThat(progress.readValuesToList()).extracting(JobProgress::symbol).containsExactly("MSFT");
    }

    private static String header(TestRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Timeframe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request read on another partition than Java's partitioner gives its key (sent by kcat, say)
 * is sent again, once, so that it is planned by the task that holds its series' state and
 * receives its chunk events. The driver has one partition; the planner is told there are two.
 */
class RequestPartitionsTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);
    private static final RequestPartitions TWO = new RequestPartitions(2);

    @TempDir
    Path stateDir;
    private PlannerHarness h;
    private TestOutputTopic<String, byte[]> requestsOut;

    @BeforeEach
    void start() {
        h = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo(), null, PlannerTimings.defaults(), 2);
        requestsOut = h.driver.createOutputTopic(h.topics.coverageRequests.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A symbol whose series key Java's partitioner puts on {@code partition} of two. */
    private static String symbolOn(int partition) {
        for (String s : List.of("AAPL", "MSFT", "NVDA", "AMZN", "META", "GOOG", "TSLA", "AMD")) {
            if (TWO.home(s + ":15m", partition)) {
                return s;
            }
        }
        throw new IllegalStateException("no symbol on partition " + partition);
    }

    @Test
    void shouldSendARequestReadOnAnotherPartitionAgainOnceAndPlanItOnce() {
        String away = symbolOn(1);
        String jobId = h.request(away, Timeframe.M15, MON, TUE);

        List<TestRecord<String, byte[]>> resent = requestsOut.readRecordsToList();
        assertThat(resent).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(away + ":15m");
            assertThat(r.headers().lastHeader(RequestPartitions.REROUTED)).isNotNull();
        });
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON, TUE);
        assertThat(h.progress.readValuesToList()).extracting(JobProgress::jobId).containsExactly(jobId);
    }

    @Test
    void shouldPlanARequestReadOnItsOwnPartitionAtOnce() {
        h.request(symbolOn(0), Timeframe.M15, MON, TUE);
        assertThat(requestsOut.isEmpty()).isTrue();
        assertThat(h.chunks.readValuesToList()).hasSize(2);
    }
}

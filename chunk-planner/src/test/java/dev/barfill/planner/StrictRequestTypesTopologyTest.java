package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.Timeframe;
import dev.barfill.core.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request produced onto {@code coverage-requests} by any client obeys the API's JSON types:
 * a field of the wrong type is not coerced (123 to "AAPL"-like text, 5.5 to 5) but refused to
 * {@code coverage-requests.dlq} naming the field, and the next request is planned.
 */
class StrictRequestTypesTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);

    @TempDir
    Path stateDir;
    PlannerHarness h;

    @BeforeEach
    void start() {
        h = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo(), (series, from, to) -> Set.of(),
                PlannerTimings.defaults());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"symbol\":123,\"timeframe\":\"15m\",\"days\":5}                | symbol   | must be a string",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5.5}          | days     | must be a whole number",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":true}         | days     | must be a whole number, got true",
        "{\"symbol\":\"AAPL\\u0000\",\"timeframe\":\"15m\",\"days\":5}     | symbol   | control character",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":2,\"priority\":\"high\"} | priority | must be a whole number",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":2,\"refresh\":\"yes\"} | refresh | must be true or false",
    })
    void shouldDeadLetterARequestWithAFieldOfTheWrongTypeNamingTheFieldAndPlanTheNextOne(String value, String field,
                                                                                          String words) {
        h.requests.pipeInput("AAPL:15m", value.getBytes(StandardCharsets.UTF_8));
        h.request("AAPL", Timeframe.M15, MON, TUE);

        TestRecord<String, byte[]> refused = h.dlq.readRecord();
        assertThat(new String(refused.value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(header(refused, DeadLetters.FIELD)).isEqualTo(field);
        assertThat(header(refused, DeadLetters.CLASS)).isEqualTo("INVALID");
        assertThat(header(refused, DeadLetters.REASON)).contains(words).doesNotContain("java.");
        assertThat(h.dlq.isEmpty()).isTrue();
        assertThat(h.chunks.readValuesToList()).extracting(ChunkTask::day).containsExactly(MON, TUE);
    }

    private static String header(TestRecord<String, byte[]> r, String name) {
        Header header = r.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

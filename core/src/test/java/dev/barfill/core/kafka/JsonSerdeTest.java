package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Bar;
import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import dev.barfill.core.JobCommand;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
    private static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    private static <T> T roundTrip(Class<T> type, T value) {
        JsonSerde<T> serde = new JsonSerde<>(type);
        return serde.deserialize("t", serde.serialize("t", value));
    }

    @Test
    void shouldRoundTripEveryPipelineRecord() {
        ChunkTask task = new ChunkTask("AAPL", Timeframe.M15, DAY, List.of("job-1"), 2, NOW, NOW.plusSeconds(5), List.of("429"));
        DayBars bars = new DayBars("AAPL", Timeframe.M15, DAY, "yahoo",
                List.of(new Bar(Instant.parse("2026-11-27T14:30:00Z"), 1.5, 2, 1, 1.75, 100)), 14, false, 1, NOW);
        ChunkEvent event = new ChunkEvent("AAPL", Timeframe.M15, DAY, ChunkEventType.WRITTEN, 14, 0, "yahoo", null, NOW);
        JobProgress job = JobProgress.of("j", "AAPL", Timeframe.M15, DAY, DAY, NOW).withDays(1, 0, 1, 0)
                .withStatus(JobStatus.DONE).withProgress(100).withBarsWritten(14);
        assertThat(roundTrip(ChunkTask.class, task)).isEqualTo(task);
        assertThat(roundTrip(DayBars.class, bars)).isEqualTo(bars);
        assertThat(roundTrip(ChunkEvent.class, event)).isEqualTo(event);
        assertThat(roundTrip(JobProgress.class, job)).isEqualTo(job);
    }

    @Test
    void shouldRoundTripJobCommandsCancellationsAndUnavailableDays() {
        JobProgress job = JobProgress.of("j", "AAPL", Timeframe.M1, DAY.minusDays(40), DAY, NOW).withDays(2, 0, 1, 0)
                .withStatus(JobStatus.DONE).withProgress(100).withBarsWritten(390)
                .withUnavailableDates(List.of(DAY.minusDays(40))).withExpectedBars(390);
        JobCommand cancel = JobCommand.cancel("j", NOW, "alice");
        ChunkCancellation marker = new ChunkCancellation("AAPL", Timeframe.M15, DAY, NOW, NOW.plusSeconds(1));
        assertThat(roundTrip(JobProgress.class, job)).isEqualTo(job);
        assertThat(roundTrip(JobCommand.class, cancel)).isEqualTo(cancel);
        assertThat(roundTrip(ChunkCancellation.class, marker)).isEqualTo(marker);
    }

    @Test
    void shouldReadAJobWrittenBeforeUnavailableDaysExisted() {
        String old = "{\"jobId\":\"j\",\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2026-11-27\","
                + "\"to\":\"2026-11-27\",\"totalDays\":1,\"coveredDays\":0,\"doneDays\":1,\"failedDays\":0,"
                + "\"status\":\"DONE\",\"progress\":100,\"barsWritten\":14}";
        JobProgress job = new JsonSerde<>(JobProgress.class).deserialize("t", old.getBytes(StandardCharsets.UTF_8));
        assertThat(job.unavailableDays()).isZero();
        assertThat(job.unavailableDates()).isEmpty();
        assertThat(job.expectedBars()).isZero();
    }

    @Test
    void shouldCarryTheSettledFlagFromBarsToTheEventAndReadRecordsThatPredateIt() {
        DayBars settled = roundTrip(DayBars.class, new DayBars("ILLQ", Timeframe.M15, DAY, "yahoo", List.of(), 14,
                false, 0, NOW, NOW, true));
        assertThat(settled.settled()).isTrue();
        assertThat(settled.forPlan(NOW.plusSeconds(1)).settled()).isTrue();
        ChunkEvent event = roundTrip(ChunkEvent.class, ChunkEvent.written(settled, NOW));
        assertThat(event.settled()).isTrue();
        assertThat(event.expectedBars()).isEqualTo(14);
        assertThat(event.sparse()).as("no bar of fourteen, settled").isTrue();

        String old = "{\"symbol\":\"ILLQ\",\"timeframe\":\"15m\",\"day\":\"2026-11-27\",\"provider\":\"yahoo\","
                + "\"bars\":[],\"expectedBars\":14,\"complete\":false,\"rejectedBars\":0}";
        DayBars legacy = new JsonSerde<>(DayBars.class).deserialize("t", old.getBytes(StandardCharsets.UTF_8));
        assertThat(legacy.settled()).isFalse();
        JobProgress job = roundTrip(JobProgress.class, JobProgress.of("j", "ILLQ", Timeframe.M15, DAY, DAY, NOW)
                .withSparseDates(List.of(DAY, DAY.minusDays(1), DAY)));
        assertThat(job.sparseDays()).isEqualTo(2);
        assertThat(job.sparseDates()).containsExactly(DAY.minusDays(1), DAY);
    }

    @Test
    void shouldWriteReadableJsonWithTimeframeCodesAndIsoDates() {
        ChunkTask task = ChunkTask.first(new dev.barfill.core.ChunkKey(dev.barfill.core.Series.of("AAPL", Timeframe.M15), DAY),
                List.of("j"), NOW);
        String json = new String(new JsonSerde<>(ChunkTask.class).serialize("t", task), StandardCharsets.UTF_8);
        assertThat(json).contains("\"timeframe\":\"15m\"", "\"day\":\"2026-11-27\"", "\"plannedAt\":\"2026-11-30T15:00:00Z\"");
    }

    @Test
    void shouldNameTheTopicAndTypeOfAnUnreadableRecord() {
        JsonSerde<ChunkTask> serde = new JsonSerde<>(ChunkTask.class);
        assertThatThrownBy(() -> serde.deserialize("barfill.chunks", "{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ChunkTask on barfill.chunks");
    }

    @Test
    void shouldDeclareEveryTopicUnderThePrefix() {
        Topics topics = new Topics("x.", 3);
        assertThat(topics.all()).extracting(Topic::name).allMatch(n -> n.startsWith("x."))
                .contains("x.coverage-requests", "x.chunks", "x.bars", "x.chunk-events", "x.job-progress");
        assertThat(topics.jobProgress.spec().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.chunks.spec().partitions()).isEqualTo(3);
        assertThatThrownBy(() -> new Topics("bad prefix", 3)).hasMessageContaining("topic prefix");
    }

    @Test
    void shouldCarryThePlanTimeFromChunkToBarsToEventAndReadEventsThatHaveNone() {
        ChunkTask task = ChunkTask.first(new dev.barfill.core.ChunkKey(dev.barfill.core.Series.of("AAPL", Timeframe.M15),
                DAY), List.of("job-1"), NOW);
        DayBars bars = roundTrip(DayBars.class, new DayBars("AAPL", Timeframe.M15, DAY, "yahoo", List.of(), 14, false,
                0, NOW).forPlan(task.plannedAt()));
        assertThat(roundTrip(ChunkEvent.class, ChunkEvent.written(bars, NOW)).plannedAt()).isEqualTo(NOW);
        assertThat(roundTrip(ChunkEvent.class, ChunkEvent.failed(task, "yahoo", "502", NOW)).plannedAt()).isEqualTo(NOW);
        ChunkEvent refused = ChunkEvent.failed(bars, "refused by the sink: bars[0] has no ts", NOW);
        assertThat(refused.type()).isEqualTo(ChunkEventType.FAILED);
        assertThat(refused.plannedAt()).isEqualTo(NOW);
        assertThat(refused.belongsTo(NOW)).isTrue();
        assertThat(refused.belongsTo(NOW.plusNanos(1))).isFalse();

        byte[] old = "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"day\":\"2026-11-27\",\"type\":\"WRITTEN\",\"barCount\":14,\"rejectedBars\":0}"
                .getBytes(StandardCharsets.UTF_8);
        ChunkEvent legacy = new JsonSerde<>(ChunkEvent.class).deserialize("t", old);
        assertThat(legacy.plannedAt()).isNull();
        assertThat(legacy.belongsTo(NOW)).isTrue();
    }
}

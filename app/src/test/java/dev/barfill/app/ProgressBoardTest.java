package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {

    private static JobProgress job(int done, int failed, int total, JobStatus status) {
        int progress = (done + failed) * 100 / total;
        return JobProgress.of("j", "AAPL", Timeframe.M15, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 27),
                Instant.EPOCH).withDays(total, 0, done, failed).withStatus(status).withProgress(progress)
                .withBarsWritten(done * 26L);
    }

    @Test
    void shouldDrawABarProportionalToProgress() {
        List<String> lines = ProgressBoard.lines(List.of("AAPL 15m", "MSFT 15m"),
                java.util.Arrays.asList(job(15, 0, 30, JobStatus.RUNNING), null));
        assertThat(lines.get(0)).startsWith("AAPL 15m").contains("[" + "#".repeat(15) + " ".repeat(15) + "]")
                .contains(" 50%", "15/30 days", "390 bars", "RUNNING");
        assertThat(lines.get(1)).contains("waiting for the planner");
    }

    @Test
    void shouldMentionFailedDays() {
        assertThat(ProgressBoard.line("X", job(28, 2, 30, JobStatus.DONE_WITH_ERRORS)))
                .contains("100%", "(2 failed)", "DONE_WITH_ERRORS");
    }
}

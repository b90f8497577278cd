package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.RetryingDay;
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

    @Test
    void shouldCountRetryingDaysNameTheTrippedProviderAndListThemWithTheirAttempt() {
        LocalDate held = LocalDate.of(2026, 11, 4);
        JobProgress running = job(10, 0, 30, JobStatus.RUNNING).withRetrying(List.of(
                new RetryingDay(held, 3, "yahoo", "HTTP 429 Too Many Requests", "yahoo", Instant.EPOCH)), List.of("yahoo"));

        assertThat(ProgressBoard.line(running)).contains("RUNNING  (1 retrying, breaker open: yahoo)");
        assertThat(ProgressBoard.details(running)).containsExactly(
                "  retrying 2026-11-04  attempt 3  yahoo  (breaker open: yahoo)  HTTP 429 Too Many Requests");
    }

    @Test
    void shouldCountSparseDaysBesideFailedOnesAndListTheirDates() {
        JobProgress done = job(28, 2, 30, JobStatus.DONE_WITH_ERRORS)
                .withSparseDates(List.of(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 9)));

        assertThat(ProgressBoard.line(done)).contains("(2 failed, 2 sparse)");
        assertThat(ProgressBoard.details(done)).containsExactly(
                "  sparse (settled with fewer bars than the session holds): 2026-11-05, 2026-11-09");
        assertThat(ProgressBoard.details(job(30, 0, 30, JobStatus.DONE))).isEmpty();
    }
}

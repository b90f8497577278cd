package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.config.KafkaSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's view of job-progress forgets a job the planner retired (a tombstone on its key). */
class JobProgressViewTest {
    private static final Instant T0 = Instant.parse("2026-11-30T21:00:00Z");
    // Never started: records are applied by hand, no broker is asked.
    private final JobProgressView view = new JobProgressView(KafkaSettings.local("127.0.0.1:1"));

    @AfterEach
    void close() throws InterruptedException {
        view.close();
    }

    private static JobProgress job(String id, JobStatus status, Instant updated) {
        LocalDate day = LocalDate.of(2026, 11, 27);
        boolean finished = status.finished();
        return JobProgress.of(id, "AAPL", Timeframe.M15, day, day, T0).withDays(1, 0, finished ? 1 : 0, 0)
                .withPendingDays(finished ? List.of() : List.of(day)).withStatus(status)
                .withProgress(finished ? 100 : 0).withUpdatedAt(updated);
    }

    @Test
    void shouldDropAJobOnItsTombstoneAndKeepTheOthers() {
        view.apply("retired", job("retired", JobStatus.DONE, T0.plusSeconds(60)));
        view.apply("kept", job("kept", JobStatus.RUNNING, T0.plusSeconds(30)));

        view.apply("retired", null);

        assertThat(view.get("retired")).isEmpty();
        assertThat(view.all()).extracting(JobProgress::jobId).containsExactly("kept");
    }

    @Test
    void shouldShowARetiredJobAgainOnceItIsPlannedAgain() {
        view.apply("j", job("j", JobStatus.DONE, T0.plusSeconds(60)));
        view.apply("j", null);
        view.apply("j", job("j", JobStatus.RUNNING, T0.plusSeconds(3600)));

        assertThat(view.get("j")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.RUNNING));
    }
}

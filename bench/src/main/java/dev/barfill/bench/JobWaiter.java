package dev.barfill.bench;

import dev.barfill.app.ApiClient;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Polls the API until every job has finished, the way a client without SSE would. */
final class JobWaiter {
    private final ApiClient api;
    private final Duration poll;

    JobWaiter(ApiClient api, Duration poll) {
        this.api = api;
        this.poll = poll;
    }

    /**
     * Waits for a bulk of {@code jobIds} the way a dashboard would: it polls only how many jobs are
     * known and how many are unfinished (three small requests a round, however large the bulk), until
     * the API knows {@code knownBefore} plus every job of the bulk and none is unfinished; then reads
     * each job once. Polling every job every round would cost the stack more than the bulk itself
     * (500 jobs: 500 requests a round) and see the end only a whole round late.
     *
     * @param knownBefore jobs the API knew before the bulk was sent
     * @param finished    called once, at the moment the bulk was seen finished
     */
    List<JobProgress> awaitBulk(Collection<String> jobIds, int knownBefore, Duration timeout, Runnable finished)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int expected = knownBefore + (int) jobIds.stream().distinct().count();
        while (api.jobCount(null) < expected || api.jobCount(JobStatus.PLANNED) + api.jobCount(JobStatus.RUNNING) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("jobs of the bulk not finished after " + timeout);
            }
            Thread.sleep(poll.toMillis());  // a polling client's cadence, not synchronisation
        }
        finished.run();
        return awaitAll(jobIds, timeout);
    }

    List<JobProgress> awaitAll(Collection<String> jobIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> open = new ArrayList<>(jobIds);
        List<JobProgress> finished = new ArrayList<>();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(open.size() + " jobs not finished after " + timeout);
            }
            for (var it = open.iterator(); it.hasNext(); ) {
                Optional<JobProgress> job = api.job(it.next());
                if (job.isPresent() && job.get().status().finished()) {
                    finished.add(job.get());
                    it.remove();
                }
            }
            if (!open.isEmpty()) {
                Thread.sleep(poll.toMillis());  // a polling client's cadence, not synchronisation
            }
        }
        return finished;
    }
}

package dev.barfill.bench;

import dev.barfill.app.ApiClient;
import dev.barfill.core.JobProgress;
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

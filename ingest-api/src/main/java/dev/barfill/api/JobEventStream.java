package dev.barfill.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.JobProgress;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code GET /v1/jobs/{id}/events}: the job's current state as a {@code progress} event, then
 * one per change, and the stream closes after the event that reports the job finished.
 *
 * <p>A job just requested may not be in the view yet (the planner has not reported it): the
 * stream waits up to {@code waitForJob} for it, then sends an {@code error} event and closes.
 * A comment every {@code heartbeat} keeps proxies from closing an idle stream and notices a
 * client that has gone.
 */
public final class JobEventStream {
    /** How often the stream checks for a departed client or an overdue job. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final JobProgressView jobs;
    private final ObjectMapper mapper;
    private final Duration waitForJob;
    private final Duration heartbeat;

    public JobEventStream(JobProgressView jobs, ObjectMapper mapper, Duration waitForJob, Duration heartbeat) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.waitForJob = waitForJob;
        this.heartbeat = heartbeat;
    }

    /** Runs on the request's async thread until the job finishes or the client leaves. */
    public void stream(SseClient client, String jobId) {
        BlockingQueue<JobProgress> changes = new LinkedBlockingQueue<>();
        Consumer<JobProgress> listener = p -> {
            if (jobId.equals(p.jobId())) {
                changes.offer(p);
            }
        };
        // Listen before reading the current state, so no change between the two is missed.
        jobs.addListener(listener);
        try {
            jobs.get(jobId).ifPresent(changes::offer);
            follow(client, jobId, changes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            jobs.removeListener(listener);
            client.close();
        }
    }

    private void follow(SseClient client, String jobId, BlockingQueue<JobProgress> changes)
            throws InterruptedException {
        long giveUpAt = System.nanoTime() + waitForJob.toNanos();
        long quietSince = System.nanoTime();
        JobProgress last = null;
        while (!client.terminated()) {
            JobProgress next = changes.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                if (last == null && System.nanoTime() > giveUpAt) {
                    client.sendEvent("error", json(Map.of("error", "not_found", "message", "no job " + jobId
                            + " appeared within " + waitForJob.toSeconds() + " s")));
                    return;
                }
                if (System.nanoTime() - quietSince > heartbeat.toNanos()) {
                    client.sendComment("keep-alive");
                    quietSince = System.nanoTime();
                }
                continue;
            }
            if (Objects.equals(next, last)) {
                continue;
            }
            last = next;
            quietSince = System.nanoTime();
            client.sendEvent("progress", json(next));
            if (next.status().finished()) {
                return;
            }
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job progress is always serialisable", e);
        }
    }
}

package dev.barfill.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Asks {@code /health/ready} every {@value #EVERY_MS} ms in the background and keeps every answer,
 * so a test can say what readiness was throughout a run, not only at its end. An answer that did not
 * come within {@value #TIMEOUT_S} s is kept as status -1, as a probe that timed out.
 */
final class ReadinessProbe implements AutoCloseable {
    static final long EVERY_MS = 200;
    static final long TIMEOUT_S = 5;

    record Sample(Instant at, int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_S)).build();
    private final HttpRequest request;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "readiness-probe");
        t.setDaemon(true);
        return t;
    });

    private ReadinessProbe(String apiUrl) {
        this.request = HttpRequest.newBuilder(URI.create(apiUrl + "/health/ready"))
                .timeout(Duration.ofSeconds(TIMEOUT_S)).GET().build();
    }

    static ReadinessProbe start(String apiUrl) {
        ReadinessProbe probe = new ReadinessProbe(apiUrl);
        probe.timer.scheduleWithFixedDelay(probe::sample, 0, EVERY_MS, TimeUnit.MILLISECONDS);
        return probe;
    }

    private void sample() {
        Instant at = Instant.now();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            samples.add(new Sample(at, r.statusCode(), r.body()));
        } catch (Exception e) {
            samples.add(new Sample(at, -1, e.toString()));
        }
    }

    /** The latest answer's status, 0 before the first. */
    int last() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).status();
    }

    /** Waits until the latest answer is {@code status}; on time-out, fails with the latest answer's body. */
    void await(String what, int status, Duration atMost) {
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> last() == status);
        } catch (ConditionTimeoutException e) {
            Sample latest = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            throw new AssertionError(what + ": /health/ready did not answer " + status + " within " + atMost
                    + "; latest answer: " + (latest == null ? "none" : latest.status() + " " + latest.body()), e);
        }
    }

    /** Every answer since {@code from}. */
    List<Sample> since(Instant from) {
        return samples.stream().filter(s -> !s.at().isBefore(from)).toList();
    }

    /** Every answer since {@code from} that was not 200. */
    List<Sample> notReadySince(Instant from) {
        return since(from).stream().filter(s -> s.status() != 200).toList();
    }

    /** How many answers since {@code from} were not 200, and the first of them, for a failure message. */
    String summary(Instant from) {
        List<Sample> bad = notReadySince(from);
        return bad.isEmpty() ? "/health/ready answered 200 at each of " + since(from).size() + " probes"
                : "/health/ready was not 200 at " + bad.size() + " of " + since(from).size() + " probes, first at "
                + bad.get(0).at() + ": " + bad.get(0).status() + " " + bad.get(0).body();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

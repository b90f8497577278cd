package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job routes on the real server. The view's states are applied directly (as its Kafka
 * consumer would), so the HTTP and SSE behaviour is tested without a broker.
 */
class JobRoutesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static OfflineApi api;

    @BeforeAll
    static void start() {
        api = new OfflineApi(new ApiConfig(0, 3660, Duration.ofSeconds(1), 1000, 1000, Duration.ofSeconds(2),
                dev.barfill.api.auth.AuthSettings.open()));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static JobProgress job(String id, String symbol, JobStatus status, int progress, int secondsLater) {
        return JobProgress.of(id, symbol, Timeframe.M15, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 6), T0)
                .withDays(4, 0, progress * 4 / 100, 0).withStatus(status).withProgress(progress)
                .withBarsWritten(progress * 26L).withUpdatedAt(T0.plusSeconds(secondsLater));
    }

    private CompletableFuture<HttpResponse<Stream<String>>> openStream(String id) {
        return OfflineApi.HTTP.sendAsync(api.request("/v1/jobs/" + id + "/events")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    @Test
    void shouldStreamTheCurrentStateThenEachChangeAndCloseWhenTheJobEnds() throws Exception {
        String id = "MSFT-15m-00000000000a";
        api.jobs().apply(id, job(id, "MSFT", JobStatus.RUNNING, 25, 1));
        List<String> data = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = openStream(id).thenAccept(r -> r.body()
                .filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5).trim())));
        await().atMost(Duration.ofSeconds(30)).until(() -> data.size() == 1);
        api.jobs().apply(id, job(id, "MSFT", JobStatus.RUNNING, 75, 2));
        api.jobs().apply(id, job(id, "MSFT", JobStatus.DONE, 100, 3));
        done.get(30, TimeUnit.SECONDS);
        assertThat(data).extracting(d -> Json.mapper().readTree(d).path("progress").asInt()).containsExactly(25, 75, 100);
    }

    @Test
    void shouldWaitForAJobNotYetKnownAndEndWithAnErrorEventWhenItNeverComes() throws Exception {
        HttpResponse<Stream<String>> response = openStream("NONE-15m-00000000000b").get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = response.body().toList();
        assertThat(lines).contains("event: error");
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).findFirst()).hasValueSatisfying(
                d -> assertThat(d).contains("not_found"));
    }

    @Test
    void shouldListJobsNewestFirstFilteredByStatusAndSymbol() throws Exception {
        api.jobs().apply("AMD-15m-00000000000c", job("AMD-15m-00000000000c", "AMD", JobStatus.DONE, 100, 10));
        api.jobs().apply("AMD-15m-00000000000d", job("AMD-15m-00000000000d", "AMD", JobStatus.DONE, 100, 20));
        api.jobs().apply("AMD-15m-00000000000e", job("AMD-15m-00000000000e", "AMD", JobStatus.RUNNING, 50, 30));
        JsonNode done = Json.mapper().readTree(api.get("/v1/jobs?status=done&symbol=amd").body());
        assertThat(done.findValuesAsText("jobId")).containsExactly("AMD-15m-00000000000d", "AMD-15m-00000000000c");
        JsonNode one = Json.mapper().readTree(api.get("/v1/jobs?symbol=AMD&limit=1").body());
        assertThat(one.findValuesAsText("jobId")).containsExactly("AMD-15m-00000000000e");
        assertThat(api.get("/v1/jobs/AMD-15m-00000000000e").statusCode()).isEqualTo(200);
    }
}

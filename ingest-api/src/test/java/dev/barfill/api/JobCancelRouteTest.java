package dev.barfill.api;

import dev.barfill.store.BarsReader;
import dev.barfill.store.CoverageReader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The refusals of {@code DELETE /v1/jobs/{id}} happen before anything is queued, so the broker
 * here does not exist; the accepted path runs against a real broker in the app module's ITs.
 */
class JobCancelRouteTest {
    private static ApiServer server;
    private static RequestPublisher publisher;
    private static JobProgressView jobs;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        CalendarRegistry calendars = CalendarRegistry.defaults();
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none");
        KafkaSettings kafka = KafkaSettings.local("127.0.0.1:1");
        publisher = new RequestPublisher(kafka, Duration.ofMillis(500));
        jobs = new JobProgressView(kafka);
        CoverageService coverage = new CoverageService(new CoverageRequestValidator(calendars, 400, Clock.systemUTC()),
                calendars, new CoverageReader(nowhere), publisher);
        server = new ApiServer(ApiConfig.defaults(0), coverage, jobs,
                new BarsController(new BarsReader(nowhere), calendars, 1000)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        publisher.close();
        jobs.close();
    }

    private static HttpResponse<String> delete(String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/jobs/" + id))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer404ForAnUnknownJob() throws Exception {
        HttpResponse<String> response = delete("AAPL-15m-000000000000");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("not_found");
        assertThat(body.get("message").asText()).contains("AAPL-15m-000000000000");
    }

    @Test
    void shouldAnswer409ForAFinishedJob() throws Exception {
        Instant now = Instant.parse("2026-11-30T15:00:00Z");
        LocalDate day = LocalDate.of(2026, 11, 27);
        jobs.apply("AAPL-15m-done", JobProgress.of("AAPL-15m-done", "AAPL", Timeframe.M15, day, day, now)
                .withDays(1, 1, 0, 0).withStatus(JobStatus.DONE).withProgress(100));
        HttpResponse<String> response = delete("AAPL-15m-done");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Json.mapper().readTree(response.body()).get("message").asText()).contains("DONE");
    }
}

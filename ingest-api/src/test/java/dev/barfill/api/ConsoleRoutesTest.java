package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.auth.AuthSettings;
import dev.barfill.core.Json;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's routes on the real server, answered without a database or broker where they can be. */
class ConsoleRoutesTest {
    private static final String WRITER = "writer-secret-0002";
    private static final String ADMIN = "admin-secret-00003";
    private static OfflineApi api;
    private static OfflineApi keyed;

    @BeforeAll
    static void start() {
        api = new OfflineApi(ApiConfig.defaults(0));
        keyed = new OfflineApi(ApiConfig.defaults(0).withAuth(new AuthSettings(
                AuthSettings.parseKeys("ops:" + WRITER + ":write,root:" + ADMIN + ":admin"), true, 1000, 1000)));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        keyed.close();
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> replay(OfflineApi on, String key) throws Exception {
        HttpRequest.Builder r = on.request("/v1/pipeline/dlq/barfill.chunks.dlq/replay")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"all\":true}"));
        return on.send(key == null ? r : r.header("Authorization", "Bearer " + key));
    }

    @Test
    void shouldNameABadDateOfADayStatesQueryBeforeReadingAnything() throws Exception {
        HttpResponse<String> response = api.get("/v1/coverage?symbol=AAPL&timeframe=15m&from=2026-13-01&to=2026-11-06");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).findValuesAsText("field")).containsExactly("from");
    }

    @Test
    void shouldValidateADayStatesQueryLikeACoverageRequest() throws Exception {
        HttpResponse<String> response = api.get("/v1/coverage?symbol=AAPL&timeframe=7m&days=5");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).findValuesAsText("field")).contains("timeframe");
    }

    @Test
    void shouldAnswer404ToARerunOrDayGridOfAnUnknownJob() throws Exception {
        assertThat(api.post("/v1/jobs/AAPL-15m-0123456789ab/retry", "").statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/jobs/AAPL-15m-0123456789ab/days").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPageJobsAndSayHowManyMatchInAll() throws Exception {
        Instant t0 = Instant.parse("2026-11-09T12:00:00Z");
        for (int i = 0; i < 3; i++) {
            String id = "NVDA-15m-00000000000" + i;
            api.jobs().apply(id, JobProgress.of(id, "NVDA", Timeframe.M15, LocalDate.of(2026, 11, 2),
                    LocalDate.of(2026, 11, 6), t0).withDays(5, 5, 0, 0).withStatus(JobStatus.DONE).withProgress(100)
                    .withUpdatedAt(t0.plusSeconds(i)));
        }
        HttpResponse<String> page = api.get("/v1/jobs?symbol=NVDA&limit=2&offset=1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(body(page).findValuesAsText("jobId")).containsExactly("NVDA-15m-000000000001", "NVDA-15m-000000000000");
        assertThat(api.get("/v1/jobs?offset=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer503ForThePipelineInAProcessWithoutItsSources() throws Exception {
        assertThat(api.get("/v1/pipeline/lag").statusCode()).isEqualTo(503);
        assertThat(api.get("/v1/pipeline/dlq").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldLetOnlyAnAdminKeyReplayDeadLettersWhenKeysAreSet() throws Exception {
        assertThat(replay(keyed, null).statusCode()).isEqualTo(401);
        HttpResponse<String> writer = replay(keyed, WRITER);
        assertThat(writer.statusCode()).isEqualTo(403);
        assertThat(body(writer).path("message").asText()).contains("admin");
        // Let through: only the missing dead-letter source stops it.
        assertThat(replay(keyed, ADMIN).statusCode()).isEqualTo(503);
    }

    @Test
    void shouldNameEveryBadFieldOfASchedule() throws Exception {
        HttpResponse<String> response = api.post("/v1/schedules",
                "{\"name\":\"bad name\",\"symbols\":[],\"timeframe\":\"7m\",\"days\":0,\"cron\":\"61 * * * *\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).findValuesAsText("field")).contains("name", "symbols", "timeframe", "days", "cron");
    }

    @Test
    void shouldAnswer503ForSchedulesInAProcessWithoutTheirView() throws Exception {
        assertThat(api.get("/v1/schedules").statusCode()).isEqualTo(503);
        assertThat(api.send(api.request("/v1/schedules/nightly").DELETE()).statusCode()).isEqualTo(503);
    }

    @Test
    void shouldServeTheConsoleScript() throws Exception {
        HttpResponse<String> script = api.get("/console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/v1/jobs/").contains("/retry");
    }
}

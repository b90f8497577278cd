package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Liveness and readiness on the real server whose database is missing and whose job view never loaded. */
class HealthRoutesTest {
    private static OfflineApi api;

    @BeforeAll
    static void start() {
        api = new OfflineApi(ApiConfig.defaults(0), true);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldBeAliveEvenWhenNotReady() throws Exception {
        HttpResponse<String> live = api.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(live.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldAnswer503NamingEveryCheckThatIsDown() throws Exception {
        HttpResponse<String> ready = api.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode json = Json.mapper().readTree(ready.body());
        assertThat(json.path("status").asText()).isEqualTo("DOWN");
        assertThat(json.path("checks").path("postgres").path("up").asBoolean()).isFalse();
        assertThat(json.path("checks").path("postgres").path("detail").asText()).startsWith("no connection");
        assertThat(json.path("checks").path("job-view").path("up").asBoolean()).isFalse();
    }

    @Test
    void shouldCountRequestsByRouteTemplateAndStatusInMetrics() throws Exception {
        api.get("/v1/jobs/AAPL-15m-000000000000");
        HttpResponse<String> metrics = api.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/jobs/{id}\",status=\"404\"}")
                .doesNotContain("AAPL-15m-000000000000");
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.api.HealthCheck;
import dev.barfill.api.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManagementServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerReadyOnlyWhileEveryCheckIsUpNamingTheOneThatIsNot() throws Exception {
        AtomicBoolean streamsRunning = new AtomicBoolean(false);
        List<HealthCheck> checks = List.of(HealthChecks.named("postgres", () -> HealthCheck.Status.up("connection valid")),
                HealthChecks.named("planner-streams", () -> new HealthCheck.Status(streamsRunning.get(), "Kafka Streams")));
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), checks)) {
            HttpResponse<String> down = send(server.port(), "GET", "/health/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"planner-streams\":{\"up\":false");

            streamsRunning.set(true);

            assertThat(send(server.port(), "GET", "/health/ready").statusCode()).isEqualTo(200);
            assertThat(send(server.port(), "GET", "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldServeTheRegistryAsPrometheusTextAndNothingElse() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("barfill.sink.days.written").increment(3);
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0, registry, List.of())) {
            HttpResponse<String> metrics = send(server.port(), "GET", "/metrics");
            assertThat(metrics.body()).contains("barfill_sink_days_written_total 3.0");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(send(server.port(), "GET", "/health/readyz").statusCode()).isEqualTo(404);
            assertThat(send(server.port(), "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }
}

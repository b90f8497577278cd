package dev.barfill.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small client of the barfill REST API, for the command line. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The coverage answer as JSON; throws with the server's message on a 4xx or 5xx. */
    public JsonNode ensureCoverage(CoverageRequest request) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/coverage"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(request)))
                .build();
        HttpResponse<byte[]> response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = Json.mapper().readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IOException("coverage request for " + request.symbol() + " refused with HTTP "
                    + response.statusCode() + ": " + body.path("message").asText());
        }
        return body;
    }

    /** The job, or empty while the API has not seen it yet. */
    public Optional<JobProgress> job(String jobId) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/jobs/" + jobId))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() >= 400) {
            throw new IOException("job " + jobId + ": HTTP " + response.statusCode());
        }
        return Optional.of(Json.mapper().readValue(response.body(), JobProgress.class));
    }
}

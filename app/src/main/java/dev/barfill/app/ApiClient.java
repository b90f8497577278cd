package dev.barfill.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Schedule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A small client of the barfill REST API, for the command line. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public ApiClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** @param apiKey sent as a bearer token when not null or blank */
    public ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return apiKey == null ? b : b.header("Authorization", "Bearer " + apiKey);
    }

    /** The bulk answer as JSON; throws with the server's message on a 4xx or 5xx. */
    public JsonNode ensureCoverage(BulkCoverageRequest request) throws IOException, InterruptedException {
        return postJson("/v1/coverage/bulk", request, Duration.ofMinutes(2), "bulk request");
    }

    private JsonNode postJson(String path, Object request, Duration timeout, String what)
            throws IOException, InterruptedException {
        HttpRequest post = request(path)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(request)))
                .build();
        HttpResponse<byte[]> response = send(post, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = Json.mapper().readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IOException(what + " refused with HTTP " + response.statusCode() + ": "
                    + body.path("message").asText());
        }
        return body;
    }

    /**
     * Follows the job's event stream, handing over each state, until the server ends the stream
     * (after the job finished, or when the job never appeared).
     *
     * @return the last state seen, empty if none
     */
    public Optional<JobProgress> follow(String jobId, Consumer<JobProgress> onChange)
            throws IOException, InterruptedException {
        HttpRequest get = request("/v1/jobs/" + jobId + "/events").header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = send(get, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 400) {
            String body = response.body().collect(java.util.stream.Collectors.joining());
            throw new IOException("job " + jobId + ": HTTP " + response.statusCode() + " "
                    + Json.mapper().readTree(body).path("message").asText());
        }
        JobProgress last = null;
        try (Stream<String> lines = response.body()) {
            String event = null;
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "progress".equals(event)) {
                    last = Json.mapper().readValue(line.substring(5).trim(), JobProgress.class);
                    onChange.accept(last);
                } else if (line.startsWith("data:") && "error".equals(event)) {
                    throw new IOException("job " + jobId + ": " + Json.mapper().readTree(line.substring(5).trim())
                            .path("message").asText());
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /** The coverage answer as JSON; throws with the server's message on a 4xx or 5xx. */
    public JsonNode ensureCoverage(CoverageRequest request) throws IOException, InterruptedException {
        return postJson("/v1/coverage", request, Duration.ofSeconds(30), "coverage request for " + request.symbol());
    }

    /** The job, or empty while the API has not seen it yet. */
    public Optional<JobProgress> job(String jobId) throws IOException, InterruptedException {
        HttpRequest get = request("/v1/jobs/" + jobId)
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<byte[]> response = send(get, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() >= 400) {
            throw new IOException("job " + jobId + ": HTTP " + response.statusCode() + " "
                    + Json.mapper().readTree(response.body()).path("message").asText());
        }
        return Optional.of(Json.mapper().readValue(response.body(), JobProgress.class));
    }

    /**
     * How many jobs the API knows, of {@code status} or of any status when it is null: one small
     * request however many jobs there are (the total of {@code GET /v1/jobs}, a page of one).
     */
    public int jobCount(JobStatus status) throws IOException, InterruptedException {
        HttpRequest get = request("/v1/jobs?limit=1" + (status == null ? "" : "&status=" + status))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<byte[]> response = send(get, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw new IOException("jobs: HTTP " + response.statusCode() + " "
                    + Json.mapper().readTree(response.body()).path("message").asText());
        }
        return Integer.parseInt(response.headers().firstValue("X-Total-Count")
                .orElseThrow(() -> new IOException("jobs: no X-Total-Count header in the answer")));
    }

    /** Creates or replaces a standing schedule; the answer is the schedule as stored. */
    public JsonNode createSchedule(Schedule schedule) throws IOException, InterruptedException {
        return postJson("/v1/schedules", schedule, Duration.ofSeconds(30), "schedule " + schedule.name());
    }

    /** Every schedule, by name. */
    public List<Schedule> schedules() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(request("/v1/schedules").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw new IOException("schedules: HTTP " + response.statusCode() + " "
                    + Json.mapper().readTree(response.body()).path("message").asText());
        }
        return List.of(Json.mapper().readValue(response.body(), Schedule[].class));
    }

    /** Deletes a schedule; false when there was none of that name. */
    public boolean deleteSchedule(String name) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(request("/v1/schedules/" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8)).timeout(Duration.ofSeconds(30)).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() >= 400) {
            throw new IOException("schedule " + name + ": HTTP " + response.statusCode() + " "
                    + Json.mapper().readTree(response.body()).path("message").asText());
        }
        return true;
    }

    /** Sends, waiting out a 429's {@code Retry-After} (at most {@value #RATE_LIMIT_RETRIES} times). */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpResponse<T> response = http.send(request, body);
        for (int retry = 0; retry < RATE_LIMIT_RETRIES && response.statusCode() == 429; retry++) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.min(30, Math.max(1, seconds)) * 1000);  // the server asked us to wait
            response = http.send(request, body);
        }
        return response;
    }

    private static final int RATE_LIMIT_RETRIES = 5;
}

package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.Json;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Bad input is refused before anything is read or queued, so the real server runs here with
 * a database and a broker that do not exist: any request reaching them would fail with a 503.
 */
class ApiValidationTest {
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

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/coverage"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json                                                                  | body",
        "[1,2]                                                                     | body",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\",\"days\":5}                     | timeframe",
        "{\"symbol\":\"AA PL\",\"timeframe\":\"15m\",\"days\":5}                   | symbol",
        "{\"timeframe\":\"15m\",\"days\":5}                                        | symbol",
        "{\"symbol\":\"AAPL\",\"days\":5}                                          | timeframe",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\"}                               | from",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":0}                    | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5000}                 | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2026-11-06\",\"to\":\"2026-11-02\"} | from",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2020-01-01\",\"to\":\"2026-11-02\"} | to",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"yesterday\",\"to\":\"2026-11-02\"}  | body",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":\"many\"}             | body",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":3,\"priority\":99}    | priority",
    })
    void shouldRefuseABadCoverageRequestNamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode json = Json.mapper().readTree(response.body());
        assertThat(json.path("error").asText()).isEqualTo("invalid_request");
        assertThat(json.path("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void shouldRefuseABodyTooLarge() throws Exception {
        HttpResponse<String> response = post("{\"symbol\":\"" + "A".repeat(100_000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void shouldAnswerAnUnknownJobWith404() throws Exception {
        HttpResponse<String> response = get("/v1/jobs/AAPL-15m-000000000000");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isEqualTo("not_found");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/v1/bars?timeframe=15m&from=2026-11-02&to=2026-11-06             | symbol",
        "/v1/bars?symbol=AAPL&timeframe=2h&from=2026-11-02&to=2026-11-06  | timeframe",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=monday&to=2026-11-06     | from",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-06&to=2026-11-02 | from",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-02&to=2026-11-06&limit=0 | limit",
    })
    void shouldRefuseABadBarsQueryNamingTheField(String path, String field) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.body()).path("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void shouldAnswerAnUnknownRouteWithJson404() throws Exception {
        HttpResponse<String> response = get("/v2/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isEqualTo("not_found");
    }
}

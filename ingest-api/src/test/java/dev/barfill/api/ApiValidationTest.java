package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input is refused before anything is read or queued, so the real server runs here with
 * a database and a broker that do not exist: any request reaching them would fail with a 503.
 */
class ApiValidationTest {
    private static OfflineApi api;

    @BeforeAll
    static void start() {
        api = new OfflineApi(ApiConfig.defaults(0));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code, String field)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode json = Json.mapper().readTree(response.body());
        assertThat(json.path("error").asText()).isEqualTo(code);
        assertThat(json.path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(json.path("errors").findValuesAsText("field")).contains(field);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json                                                                  | body",
        "''                                                                        | body",
        "[1,2]                                                                     | body",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\",\"days\":5}                     | timeframe",
        "{\"symbol\":\"AA PL\",\"timeframe\":\"15m\",\"days\":5}                   | symbol",
        "{\"symbol\":\"AAPLAAPLAAPLAAPLAAPLX\",\"timeframe\":\"15m\",\"days\":5}   | symbol",
        "{\"timeframe\":\"15m\",\"days\":5}                                        | symbol",
        "{\"symbol\":\"AAPL\",\"days\":5}                                          | timeframe",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"1m\",\"days\":23}                  | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"1h\",\"days\":523}                 | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"1d\",\"days\":7601}                | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2026-11-02\"}       | to",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":0}                    | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":-3}                   | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5000}                 | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5,\"from\":\"2026-11-02\",\"to\":\"2026-11-06\"} | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2026-11-06\",\"to\":\"2026-11-02\"} | from",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2020-01-01\",\"to\":\"2026-11-02\"} | to",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"yesterday\",\"to\":\"2026-11-02\"}  | from",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":\"many\"}             | days",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":3,\"priority\":99}    | priority",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"1999-01-04\",\"to\":\"1999-01-08\"} | from",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":\"2150-01-04\",\"to\":\"2150-01-08\"} | to",
    })
    void shouldRefuseABadCoverageRequestNamingTheField(String body, String field) throws Exception {
        assertRefused(api.post("/v1/coverage", body), 400, "invalid_request", field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1m", "15m", "1h", "1d", "1w"})
    void shouldTakeARequestWithoutAWindowAsTheDefaultWindowOfItsTimeframe(String timeframe) throws Exception {
        // Valid: it gets as far as the (missing) database, where a refused request never goes.
        HttpResponse<String> response = api.post("/v1/coverage",
                "{\"symbol\":\"AAPL\",\"timeframe\":\"" + timeframe + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    }

    @Test
    void shouldRefuseABadDefaultWindowSettingNamingIt() {
        assertThatThrownBy(() -> new ApiConfig(0, 7600, java.time.Duration.ofSeconds(1), 10, 10,
                java.time.Duration.ofSeconds(1), dev.barfill.api.auth.AuthSettings.open(), "127.0.0.1", "1h=lots"))
                .hasMessageStartingWith("api.default-windows: default window '1h=lots'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json                                                          | body",
        "{\"timeframe\":\"15m\",\"days\":5}                                | symbols",
        "{\"symbols\":[],\"timeframe\":\"15m\",\"days\":5}                 | symbols",
        "{\"symbols\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5}           | symbols",
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"3h\",\"days\":5}          | timeframe",
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":0}         | days",
    })
    void shouldRefuseABadBulkRequestNamingTheField(String body, String field) throws Exception {
        assertRefused(api.post("/v1/coverage/bulk", body), 400, "invalid_request", field);
    }

    /**
     * A request whose fields hold the wrong JSON type is refused naming the field, in the user's
     * words: Jackson would have coerced most of these (123 to "123", 5.5 to 5) or answered with
     * Java type names.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"symbol\":123,\"timeframe\":\"15m\",\"days\":5}                      | symbol    | must be a string",
        "{\"symbol\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":5}               | symbol    | must be a string",
        "{\"symbol\":\"AAPL\",\"timeframe\":15,\"days\":5}                       | timeframe | must be a string",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":5.5}                | days      | must be a whole number, got a number (5.5)",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":true}               | days      | must be a whole number, got true",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":{}}                 | days      | must be a whole number, got an object",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":3,\"priority\":1.5} | priority  | must be a whole number",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"from\":20261102,\"to\":\"2026-11-06\"} | from | must be a string",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":3,\"refresh\":\"true\"} | refresh | must be true or false, got a string",
        "{\"symbol\":\"AAPL\",\"timeframe\":\"15m\",\"days\":3,\"refresh\":1} | refresh   | must be true or false, got a number (1)",
        "{\"symbol\":\"AAPL\\u0000\",\"timeframe\":\"15m\",\"days\":5}             | symbol    | control character",
        "{\"symbol\":\"AA\\u0007PL\",\"timeframe\":\"15m\",\"days\":5}             | symbol    | control character",
    })
    void shouldRefuseAFieldOfTheWrongJsonTypeNamingItInTheUsersTerms(String body, String field, String words)
            throws Exception {
        HttpResponse<String> response = api.post("/v1/coverage", body);
        assertRefused(response, 400, "invalid_request", field);
        assertThat(response.body()).contains(words).doesNotContain("java.").doesNotContain("Cannot construct")
                .doesNotContain("Integer").doesNotContain("ArrayList");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"symbols\":[null,5],\"timeframe\":\"15m\",\"days\":5}               | symbols[0] | symbols[1]",
        "{\"symbols\":[\"AAPL\",5],\"timeframe\":\"15m\",\"days\":5}           | symbols[1] | symbols[1]",
        "{\"symbols\":[\"AAPL\",{}],\"timeframe\":\"15m\",\"days\":5}          | symbols[1] | symbols[1]",
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":5.5}          | days       | days",
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":true}         | days       | days",
        "{\"symbols\":{\"a\":1},\"timeframe\":\"15m\",\"days\":5}             | symbols    | symbols",
        "{\"symbols\":[\"AA PL\",\"A\\u0000\"],\"timeframe\":\"15m\",\"days\":5} | symbols[0] | symbols[1]",
        "{\"symbols\":[\"AAPL\",5],\"timeframe\":\"15m\",\"days\":5,\"refresh\":\"yes\"} | refresh | symbols[1]",
    })
    void shouldRefuseABulkRequestWithEntriesThatAreNotStringsOrNoValidSymbol(String body, String field,
                                                                             String alsoNamed) throws Exception {
        HttpResponse<String> response = api.post("/v1/coverage/bulk", body);
        assertRefused(response, 400, "invalid_request", field);
        assertThat(Json.mapper().readTree(response.body()).path("errors").findValuesAsText("field"))
                .contains(alsoNamed);
        assertThat(response.body()).doesNotContain("java.").doesNotContain("Cannot construct");
    }

    /** {@code refresh} on a bulk request is as strictly typed as on a single one, and named alike. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":3,\"refresh\":\"true\"} | must be true or false, got a string",
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":3,\"refresh\":1}        | must be true or false, got a number (1)",
        "{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":3,\"refresh\":[true]}   | must be true or false, got a list",
    })
    void shouldRefuseABulkRefreshThatIsNotABooleanNamingTheField(String body, String words) throws Exception {
        HttpResponse<String> response = api.post("/v1/coverage/bulk", body);
        assertRefused(response, 400, "invalid_request", "refresh");
        assertThat(response.body()).contains(words).doesNotContain("java.").doesNotContain("Boolean");
    }

    @Test
    void shouldAnswerABadStringEntryPerSymbolWhenAnotherEntryIsValid() throws Exception {
        // The valid entry reaches the (missing) database, so it is "unavailable" here; the point is that the
        // request is answered per symbol, not refused, and the control character is not trimmed into AAPL.
        HttpResponse<String> response = api.post("/v1/coverage/bulk",
                "{\"symbols\":[\"MSFT\",\"AAPL\\u0000\"],\"timeframe\":\"15m\",\"days\":5}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = Json.mapper().readTree(response.body()).path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(1).path("outcome").asText()).isEqualTo("invalid");
        assertThat(results.get(1).path("symbol").asText()).isEqualTo("AAPL\u0000");
        assertThat(results.get(1).path("errors").findValuesAsText("field")).containsExactly("symbol");
    }

    @Test
    void shouldRefuseABulkRequestWithMoreSymbolsThanTheCap() throws Exception {
        StringBuilder symbols = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        assertRefused(api.post("/v1/coverage/bulk", "{\"symbols\":[" + symbols + "],\"timeframe\":\"15m\",\"days\":5}"),
                400, "invalid_request", "symbols");
    }

    @Test
    void shouldRefuseABodyTooLarge() throws Exception {
        assertRefused(api.post("/v1/coverage", "{\"symbol\":\"" + "A".repeat(100_000) + "\"}"), 413,
                "body_too_large", null);
    }

    @Test
    void shouldAnswerAnUnknownJobWith404() throws Exception {
        assertRefused(api.get("/v1/jobs/AAPL-15m-000000000000"), 404, "not_found", null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/v1/jobs/not-a-job                        | id",
        "/v1/jobs/AAPL-15m-XYZ                     | id",
        "/v1/jobs/not-a-job/events                 | id",
        "/v1/jobs?status=FINISHED                  | status",
        "/v1/jobs?symbol=AA%20PL                   | symbol",
        "/v1/jobs?limit=0                          | limit",
        "/v1/jobs?limit=lots                       | limit",
        "/v1/jobs?limit=5000                       | limit",
    })
    void shouldRefuseABadJobQueryNamingTheField(String path, String field) throws Exception {
        assertRefused(api.get(path), 400, "invalid_request", field);
    }

    @Test
    void shouldRefuseAnEventStreamRequestThatDoesNotAcceptEventStreams() throws Exception {
        assertRefused(api.send(api.request("/v1/jobs/AAPL-15m-000000000000/events").header("Accept", "application/json")),
                400, "invalid_request", "Accept");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/v1/bars?timeframe=15m&from=2026-11-02&to=2026-11-06             | symbol",
        "/v1/bars?symbol=AAPL&timeframe=2h&from=2026-11-02&to=2026-11-06  | timeframe",
        "/v1/bars?symbol=AAPL&from=2026-11-02&to=2026-11-06               | timeframe",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=monday&to=2026-11-06     | from",
        "/v1/bars?symbol=AAPL&timeframe=15m&to=2026-11-06                 | from",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-02               | to",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-06&to=2026-11-02 | from",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-02&to=2026-11-06&limit=0 | limit",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-02&to=2026-11-06&limit=1001 | limit",
        "/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-02&to=2026-11-06&limit=x | limit",
    })
    void shouldRefuseABadBarsQueryNamingTheField(String path, String field) throws Exception {
        assertRefused(api.get(path), 400, "invalid_request", field);
    }

    @Test
    void shouldAnswerAnUnknownRouteWithJson404() throws Exception {
        assertRefused(api.get("/v2/nothing"), 404, "not_found", null);
    }

    @Test
    void shouldAnswerAStoreThatCannotBeReachedWith503NotA500() throws Exception {
        assertRefused(api.get("/v1/bars?symbol=AAPL&timeframe=15m&from=2026-11-02&to=2026-11-06"), 503,
                "unavailable", null);
    }
}

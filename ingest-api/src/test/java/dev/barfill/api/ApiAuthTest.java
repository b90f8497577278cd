package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.api.auth.AuthSettings;
import dev.barfill.core.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth on the real server with keys configured. Requests that pass auth reach validation (400)
 * or the missing backends (503), which is how these tests tell "let through" from "refused".
 */
class ApiAuthTest {
    private static final String READER = "reader-secret-0001";
    private static final String WRITER = "writer-secret-0002";
    private static final String BAD_COVERAGE = "{\"symbol\":\"AAPL\",\"timeframe\":\"7m\",\"days\":5}";
    private static OfflineApi keyed;
    private static OfflineApi limited;

    @BeforeAll
    static void start() {
        keyed = new OfflineApi(ApiConfig.defaults(0).withAuth(new AuthSettings(
                AuthSettings.parseKeys("chart:" + READER + ":read,ops:" + WRITER + ":write"), false, 1000, 1000)));
        limited = new OfflineApi(ApiConfig.defaults(0).withAuth(new AuthSettings(
                AuthSettings.parseKeys("ops:" + WRITER + ":write"), true, 0.01, 3)));
    }

    @AfterAll
    static void stop() throws Exception {
        keyed.close();
        limited.close();
    }

    private static HttpResponse<String> post(OfflineApi api, String key, String body) throws Exception {
        HttpRequest.Builder r = api.request("/v1/coverage").POST(HttpRequest.BodyPublishers.ofString(body));
        return api.send(key == null ? r : r.header("Authorization", "Bearer " + key));
    }

    private static HttpResponse<String> get(OfflineApi api, String key, String path) throws Exception {
        HttpRequest.Builder r = api.request(path).GET();
        return api.send(key == null ? r : r.header("Authorization", "Bearer " + key));
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).path("error").asText();
    }

    @Test
    void shouldRefuseAWriteWithoutAKeyWith401() throws Exception {
        HttpResponse<String> response = post(keyed, null, BAD_COVERAGE);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void shouldRefuseAnUnknownKeyWith401() throws Exception {
        assertThat(post(keyed, "writer-secret-0003", BAD_COVERAGE).statusCode()).isEqualTo(401);
        assertThat(get(keyed, "nope", "/v1/jobs").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseAWriteWithAReadOnlyKeyWith403() throws Exception {
        HttpResponse<String> response = post(keyed, READER, BAD_COVERAGE);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("forbidden");
        assertThat(response.body()).contains("chart").doesNotContain(READER);
    }

    @Test
    void shouldLetAWriteKeyWriteAndRead() throws Exception {
        assertThat(post(keyed, WRITER, BAD_COVERAGE).statusCode()).isEqualTo(400);
        assertThat(get(keyed, WRITER, "/v1/jobs?status=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldKeyReadsWhenReadsAreNotOpen() throws Exception {
        assertThat(get(keyed, null, "/v1/jobs").statusCode()).isEqualTo(401);
        assertThat(get(keyed, null, "/metrics").statusCode()).isEqualTo(401);
        assertThat(get(keyed, READER, "/v1/jobs?status=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldKeepHealthTheDocumentAndTheDashboardOpen() throws Exception {
        assertThat(get(keyed, null, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(keyed, null, "/openapi.json").statusCode()).isEqualTo(200);
        assertThat(get(keyed, null, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLeaveReadsOpenWhenConfiguredButStillKeyWrites() throws Exception {
        assertThat(get(limited, null, "/v1/jobs/AAPL-15m-000000000000").statusCode()).isEqualTo(404);
        assertThat(post(limited, null, BAD_COVERAGE).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAKeyHasUsedItsBurst() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post(limited, WRITER, BAD_COVERAGE).statusCode()).isEqualTo(400);
        }
        HttpResponse<String> response = post(limited, WRITER, BAD_COVERAGE);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(code(response)).isEqualTo("rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isPositive());
    }
}

package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Json;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    private static OfflineApi api;

    @BeforeAll
    static void start() {
        api = new OfflineApi(ApiConfig.defaults(0));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldDescribeEveryRouteTheServerServesAndNoOther() throws Exception {
        HttpResponse<String> response = api.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = Json.mapper().readTree(response.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(api.server.routes()).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.server.routes());
    }

    @Test
    void shouldDescribeEveryFieldOfTheCoverageAnswerAndTheJobAndTheRequestsRefresh() throws Exception {
        JsonNode schemas = Json.mapper().readTree(api.get("/openapi.json").body()).path("components").path("schemas");
        for (Class<?> type : List.of(CoverageAnswer.class, JobProgress.class)) {
            List<String> documented = new ArrayList<>();
            schemas.path(type.getSimpleName()).path("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName).toList());
        }
        assertThat(schemas.at("/CoverageRequest/properties/refresh/type").asText()).isEqualTo("boolean");
    }

    @Test
    void shouldDescribeExactlyTheFieldsOfTheBulkRequestWithRefreshTypedAsForASingleRequest() throws Exception {
        JsonNode schemas = Json.mapper().readTree(api.get("/openapi.json").body()).path("components").path("schemas");
        List<String> documented = new ArrayList<>();
        schemas.at("/BulkCoverageRequest/properties").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Arrays.stream(
                BulkCoverageRequest.class.getRecordComponents()).map(RecordComponent::getName).toList());
        for (String key : List.of("type", "default")) {
            assertThat(schemas.at("/BulkCoverageRequest/properties/refresh/" + key)).as(key)
                    .isEqualTo(schemas.at("/CoverageRequest/properties/refresh/" + key)).isNotNull();
        }
        assertThat(schemas.at("/BulkCoverageRequest/properties/refresh/type").asText()).isEqualTo("boolean");
    }

    @Test
    void shouldResolveEveryReferenceInTheDocument() throws Exception {
        JsonNode doc = Json.mapper().readTree(api.get("/openapi.json").body());
        for (String ref : doc.findValuesAsText("$ref")) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }
}

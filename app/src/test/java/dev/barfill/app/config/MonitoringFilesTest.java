package dev.barfill.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Prometheus and Grafana cannot run here (no Docker engine): their files are checked against what
 * the roles serve. Prometheus scrapes each role service of docker-compose.yml on the management
 * port the roles default to; the compose profile mounts the files that exist; the dashboard reads
 * the provisioned data source. That every series the dashboard queries is served is
 * ProductionLayoutIT's check, against the running roles.
 */
class MonitoringFilesTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void shouldScrapeEveryRoleServiceOnTheDefaultManagementPort() throws Exception {
        String prometheus = Files.readString(ROOT.resolve("docker/prometheus.yml"));
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));

        assertThat(prometheus).contains("port: " + ManagementSettings.DEFAULT_PORT)
                .contains("names: [sink, planner, fetcher, api]");
        for (String role : List.of("sink", "planner", "fetcher", "api")) {
            assertThat(compose).as(role).containsPattern("(?m)^  " + role + ":\\n    <<: \\*barfill\\n    command: \\[\""
                    + role + "\"");
        }
        assertThat(compose).contains("$${BARFILL_MANAGEMENT_PORT:-" + ManagementSettings.DEFAULT_PORT + "}");
    }

    @Test
    void shouldStartPrometheusAndGrafanaInTheMonitoringProfileWithFilesThatExist() throws Exception {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String service : List.of("prometheus", "grafana")) {
            assertThat(compose).containsPattern("(?m)^  " + service + ":\\n    image: [^\\n]+\\n    profiles: \\[\"monitoring\"\\]");
        }
        Matcher mounts = Pattern.compile("- \\./(docker/[^:]+):").matcher(compose);
        List<String> mounted = new ArrayList<>();
        while (mounts.find()) {
            mounted.add(mounts.group(1));
        }
        assertThat(mounted).contains("docker/prometheus.yml", "docker/grafana/provisioning", "docker/grafana/dashboards")
                .allSatisfy(path -> assertThat(ROOT.resolve(path)).exists());
    }

    @Test
    void shouldQueryTheProvisionedDataSourceInEveryPanel() throws Exception {
        String datasource = Files.readString(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasource).contains("uid: prometheus", "url: http://prometheus:9090");
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("docker/grafana/dashboards/barfill.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("prometheus");
                assertThat(target.path("expr").asText()).isNotBlank();
            }
        }
        String provider = Files.readString(ROOT.resolve("docker/grafana/provisioning/dashboards/barfill.yml"));
        assertThat(provider).contains("path: /var/lib/grafana/dashboards");
    }
}

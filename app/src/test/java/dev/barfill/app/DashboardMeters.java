package dev.barfill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The series names the Grafana dashboard (docker/grafana/dashboards/barfill.json) queries. */
final class DashboardMeters {
    private static final Pattern SERIES = Pattern.compile("\\b((?:barfill|kafka|jvm|hikaricp)_[a-z0-9_]+)");

    private DashboardMeters() {
    }

    static Set<String> queried() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                ChildJvm.ROOT.resolve("docker/grafana/dashboards/barfill.json").toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SERIES.matcher(target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}

package dev.barfill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Keeps the harness from rotting: every scenario runs at smoke size and reports every figure. Speed is not asserted. */
@Tag("date-sensitive")
@Timeout(600)
class BenchSmokeIT {

    @TempDir
    Path work;

    @Test
    void shouldRunEveryScenarioAtSmokeSizeAndReportEveryFigure() throws Exception {
        List<Row> rows = BenchMain.run(List.copyOf(BenchMain.SCENARIOS.values()), Scenario.Scale.SMOKE, work);
        assertThat(rows).extracting(Row::scenario).containsAll(BenchMain.SCENARIOS.keySet());
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).as(r.scenario() + " / " + r.metric()).isFinite().isNotNegative());
        assertThat(rows).filteredOn(r -> r.metric().contains("errors") || r.note() != null && r.note().contains(" errors of "))
                .allSatisfy(r -> assertThat(r.note()).startsWith("0 errors"));
        assertThat(Report.table(rows)).contains("| single |", "| universe |", "| old-design |", "| minute-bars |", "| api |", "| planner |");
        assertThat(rows).extracting(Row::metric).contains("broker: events settled per second",
                "TopologyTestDriver: events settled per second", "CPU per day: planner", "CPU per day: API view",
                // The universe runs twice: at 3,000/min against the provider bound, at 6,000/min against the larger
                // of the provider's and the sink's bound, the raw COPY rate measured in the same run.
                "elapsed / provider-bound limit", "6,000/min: elapsed / the larger of provider and sink bound",
                "6,000/min: sink bound (bars / raw COPY rate)", "6,000/min: 429 answers",
                // The api scenario's load came from its child JVM, and the stack's JVM was profiled meanwhile.
                "GET /v1/bars, 30 days of 15m p99", "coverage check (stored window) achieved rate",
                "GET /v1/bars, 30 days of 15m profile: Java samples of the request threads",
                "GET /v1/bars, 30 days of 15m: time inside the API's handler, mean");
    }

    /** The documented planner command, at smoke size: README and docs/BENCHMARKS.md show it at full size. */
    @Test
    void shouldWriteThePlannerSectionWithTheProfileOfThePlannerThread() throws Exception {
        Path jfr = work.resolve("planner.jfr");
        Path report = work.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\n<!-- scenarios:begin -->\nkept\n<!-- scenarios:end -->\n");
        System.setProperty(PlannerScenario.JFR_PROPERTY, jfr.toString());
        try {
            int exit = new CommandLine(new BenchMain()).execute("planner", "--smoke", "--section", "planner",
                    "--report", report.toString(), "--work-dir", work.resolve("bench").toString());
            assertThat(exit).isZero();
        } finally {
            System.clearProperty(PlannerScenario.JFR_PROPERTY);
        }
        assertThat(jfr).isNotEmptyFile();
        assertThat(work.resolve("planner-driver.jfr")).isNotEmptyFile();
        assertThat(Files.readString(report)).contains("<!-- scenarios:begin -->\nkept\n<!-- scenarios:end -->",
                "<!-- planner:begin -->", "--section planner --report", "| planner | broker: events settled per second |",
                "| planner | driver profile: Java samples of the planner thread |",
                "| planner | broker profile: inside settling an event (SettleDayProcessor) |", "<!-- planner:end -->");
    }

    /** The documented api command, at smoke size: docs/BENCHMARKS.md shows it at full size. */
    @Test
    void shouldWriteTheApiSectionWithFiguresFromTheGeneratorsOwnJvm() throws Exception {
        Path report = work.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\n<!-- planner:begin -->\nkept\n<!-- planner:end -->\n");

        int exit = new CommandLine(new BenchMain()).execute("api", "--smoke", "--section", "api",
                "--report", report.toString(), "--work-dir", work.resolve("bench").toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(report)).contains("<!-- planner:begin -->\nkept\n<!-- planner:end -->",
                "<!-- api:begin -->", "./barfill bench api --smoke --section api --report",
                "| api | coverage check (stored window) p99 |", "generator in its own JVM",
                "| api | GET /v1/bars, 30 days of 15m: CPU per request, PostgreSQL |", "<!-- api:end -->");
    }
}

package dev.barfill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
                "TopologyTestDriver: events settled per second", "CPU per day: planner", "CPU per day: API view");
    }

    @Test
    void shouldProfileThePlannerThreadOnTheDriverAndTheBrokerWhenAskedTo() throws Exception {
        Path jfr = work.resolve("planner.jfr");
        System.setProperty(PlannerScenario.JFR_PROPERTY, jfr.toString());
        try {
            List<Row> rows = BenchMain.run(List.of(BenchMain.SCENARIOS.get("planner")), Scenario.Scale.SMOKE, work);
            assertThat(jfr).isNotEmptyFile();
            assertThat(work.resolve("planner-driver.jfr")).isNotEmptyFile();
            assertThat(rows).extracting(Row::metric).contains("driver profile: Java samples of the planner thread",
                    "broker profile: Java samples of the planner thread",
                    "broker profile: inside settling an event (SettleDayProcessor)");
            assertThat(rows).allSatisfy(r -> assertThat(r.value()).as(r.metric()).isFinite().isNotNegative());
        } finally {
            System.clearProperty(PlannerScenario.JFR_PROPERTY);
        }
    }
}

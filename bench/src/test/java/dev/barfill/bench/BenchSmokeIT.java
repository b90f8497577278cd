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
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.calendar.TradingPeriods;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1w window on the real stack (the simulator answers {@code 1wk} as Yahoo does, Monday-stamped):
 * one bar per trading week in {@code ohlc_bars}, stamped at the week's first session open, one
 * complete coverage row per week on its first session date, and the job DONE counting weeks.
 */
@Tag("date-sensitive")
@Timeout(300)
class WeeklyBarsIT {
    @TempDir
    Path dataDir;

    @Test
    void shouldStoreOneBarPerWeekOfATwentySixWeekWindowAndFinishTheJob() throws Exception {
        Instant now = RecentSessions.clock().instant();
        // The 26 weeks ending with the last one closed at the stack's clock.
        LocalDate lastDay = RecentSessions.XNYS.lastClosedDay(now);
        Session lastWeek = TradingPeriods.week(RecentSessions.XNYS, lastDay).orElseThrow();
        LocalDate monday = TradingPeriods.monday(lastDay);
        if (lastWeek.close().isAfter(now)) {
            monday = monday.minusWeeks(1);
        }
        LocalDate from = monday.minusWeeks(25);
        LocalDate to = monday.plusDays(6);
        List<Session> weeks = TradingPeriods.of(RecentSessions.XNYS, Timeframe.W1, from, to);
        assertThat(weeks).hasSize(26);
        // Any 26 weeks hold a holiday Monday (MLK, Presidents', Memorial or Labor Day): that week must not be lost.
        assertThat(weeks).anySatisfy(w -> assertThat(w.day().getDayOfWeek()).isNotEqualTo(java.time.DayOfWeek.MONDAY));

        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, Duration.ofMillis(5), 3))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "1w", from, to));
            assertThat(answer.path("hasCoverage").asBoolean()).isFalse();
            assertThat(answer.path("tradingDays").asInt()).as(answer.toString()).isEqualTo(26);
            Optional<JobProgress> last = api.follow(answer.path("jobId").asText(), p -> { });
            assertThat(last).hasValueSatisfying(p -> {
                assertThat(p.status()).isEqualTo(JobStatus.DONE);
                assertThat(p.totalDays()).isEqualTo(26);
                assertThat(p.doneDays()).isEqualTo(26);
                assertThat(p.expectedBars()).isEqualTo(26);
            });

            assertThat(column(stack, "SELECT ts FROM ohlc_bars WHERE symbol = 'AAPL' AND timeframe = '1w' ORDER BY ts"))
                    .containsExactlyElementsOf(weeks.stream().map(w -> w.open().toString()).toList());
            assertThat(column(stack, "SELECT day || ':' || bar_count || '/' || expected_bars || ':' || complete"
                    + " FROM bar_coverage WHERE symbol = 'AAPL' AND timeframe = '1w' ORDER BY day"))
                    .containsExactlyElementsOf(weeks.stream().map(w -> w.day() + ":1/1:true").toList());
            assertThat(api.ensureCoverage(CoverageRequest.ofRange("AAPL", "1w", from, to)).path("hasCoverage")
                    .asBoolean()).isTrue();
        }
    }

    private static List<String> column(EmbeddedStack stack, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object v = rs.getObject(1);
                out.add(v instanceof java.time.OffsetDateTime t ? t.toInstant().toString()
                        : v instanceof java.sql.Timestamp t ? t.toInstant().toString() : String.valueOf(v));
            }
        }
        return out;
    }
}

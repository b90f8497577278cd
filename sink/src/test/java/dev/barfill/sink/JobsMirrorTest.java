package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.store.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobsMirrorTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @BeforeEach
    void empty() throws SQLException {
        TestDatabase.execute("TRUNCATE backfill_jobs");
    }

    private static JobProgress job(String id, JobStatus status, int done, int failed, int pending, Instant updated,
                                   List<String> errors) {
        List<LocalDate> pendingDays = new ArrayList<>();
        for (int i = 0; i < pending; i++) {
            pendingDays.add(LocalDate.of(2026, 11, 2).plusDays(i));
        }
        int total = done + failed + pending;
        return JobProgress.of(id, "AAPL", Timeframe.M15, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 27), T0)
                .withDays(total, 0, done, failed).withPendingDays(pendingDays).withStatus(status)
                .withProgress(total == 0 ? 100 : 100 * (done + failed) / total).withBarsWritten(26L * done)
                .withUpdatedAt(updated).withLastErrors(errors);
    }

    private static void mirror(String id, JobProgress state) throws SQLException {
        Map<String, JobProgress> m = new HashMap<>();
        m.put(id, state);
        JobsMirror.write(TestDatabase.get(), m);
    }

    @Test
    void shouldKeepOneRowPerJobWithItsNewestStateEvenWhenAnOlderOneIsReplayed() throws SQLException {
        JobProgress running = job("j1", JobStatus.RUNNING, 3, 0, 6, T0.plusSeconds(10), List.of());
        JobProgress done = job("j1", JobStatus.DONE, 9, 0, 0, T0.plusSeconds(60), List.of());
        mirror("j1", running);
        mirror("j1", done);
        mirror("j1", running);

        assertThat(TestDatabase.count("SELECT count(*) FROM backfill_jobs")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT done_days FROM backfill_jobs WHERE status = 'DONE'")).isEqualTo(9);
        assertThat(TestDatabase.count("SELECT extract(epoch FROM finished_at - created_at)::bigint FROM backfill_jobs"))
                .isEqualTo(60);
    }

    @Test
    void shouldMirrorTheSparseDaysOfAJob() throws SQLException {
        mirror("j4", job("j4", JobStatus.DONE, 2, 0, 0, T0.plusSeconds(30), List.of())
                .withSparseDates(List.of(LocalDate.of(2026, 11, 24))));
        assertThat(TestDatabase.count("SELECT sparse_days FROM backfill_jobs WHERE job_id = 'j4'"
                + " AND sparse_dates = ARRAY[DATE '2026-11-24']")).isEqualTo(1);
    }

    @Test
    void shouldKeepTheRowOfARetiredJobAndMarkItRetiredOnATombstone() throws SQLException {
        mirror("j2", job("j2", JobStatus.DONE, 2, 0, 0, T0.plusSeconds(30), List.of()));
        mirror("j2", null);
        assertThat(TestDatabase.count("SELECT count(*) FROM backfill_jobs WHERE job_id = 'j2' AND status = 'DONE'"
                + " AND done_days = 2 AND retired_at IS NOT NULL")).isEqualTo(1);
        // A replayed tombstone keeps the first retirement time and the row.
        mirror("j2", null);
        assertThat(TestDatabase.count("SELECT count(*) FROM backfill_jobs")).isEqualTo(1);
    }

    @Test
    void shouldStartANewRunWhenARetiredJobIsPlannedAgain() throws SQLException {
        mirror("j3", job("j3", JobStatus.DONE, 2, 0, 0, T0.plusSeconds(30), List.of()));
        mirror("j3", null);
        JobProgress again = job("j3", JobStatus.RUNNING, 0, 0, 2, T0.plusSeconds(600), List.of());
        again = JobProgress.of(again.jobId(), again.symbol(), again.timeframe(), again.from(), again.to(),
                T0.plusSeconds(600)).withDays(again.totalDays(), 0, 0, 0).withPendingDays(again.pendingDays())
                .withStatus(JobStatus.RUNNING);
        mirror("j3", again);
        assertThat(TestDatabase.count("SELECT count(*) FROM backfill_jobs WHERE status = 'RUNNING'"
                + " AND retired_at IS NULL AND finished_at IS NULL AND pending_days = 2")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT extract(epoch FROM created_at)::bigint FROM backfill_jobs"))
                .isEqualTo(T0.plusSeconds(600).getEpochSecond());
    }

    @Test
    void shouldAnswerEveryQueryOfTheSqlGuide() throws Exception {
        Map<String, JobProgress> jobs = new LinkedHashMap<>();
        jobs.put("active", job("active", JobStatus.RUNNING, 2, 0, 7, T0.plusSeconds(5), List.of()));
        jobs.put("clean", job("clean", JobStatus.DONE, 9, 0, 0, T0.plusSeconds(120), List.of()));
        jobs.put("errors", job("errors", JobStatus.DONE_WITH_ERRORS, 7, 2, 0, T0.plusSeconds(300),
                List.of("2026-11-03: provider returned HTTP 404", "2026-11-04: provider returned HTTP 404")));
        JobsMirror.write(TestDatabase.get(), jobs);

        List<String> queries = guideQueries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
        Map<String, List<List<String>>> answers = new HashMap<>();
        for (String sql : queries) {
            answers.put(sql, rows(sql.replace("AND $__timeFilter(finished_at)", "")));
        }
        assertThat(answer(answers, "WHERE finished_at IS NULL\nORDER BY created_at")).singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo("active"));
        assertThat(answer(answers, "unnest(last_errors)"))
                .containsExactly(List.of("provider returned HTTP 404", "2", "1"));
        assertThat(answer(answers, "WHERE status = 'DONE_WITH_ERRORS'")).singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo("errors"));
        assertThat(answer(answers, "percentile_cont")).singleElement()
                .satisfies(row -> assertThat(row.subList(0, 2)).containsExactly("15m", "2"));
    }

    private static List<List<String>> answer(Map<String, List<List<String>>> answers, String fragment) {
        return answers.entrySet().stream().filter(e -> e.getKey().contains(fragment)).findFirst().orElseThrow().getValue();
    }

    private static List<String> guideQueries() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "SQL.md"));
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestDatabase.get().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= cols; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package dev.barfill.app;

import dev.barfill.core.JobProgress;
import dev.barfill.core.RetryingDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders one line per job: a bar, percent, days and bars, and what else a job reports (failed,
 * retrying and sparse days). Pure, so it is easy to test.
 */
public final class ProgressBoard {
    static final int WIDTH = 30;

    private ProgressBoard() {
    }

    public static List<String> lines(List<String> labels, List<JobProgress> jobs) {
        List<String> out = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            out.add(line(labels.get(i), jobs.get(i)));
        }
        return out;
    }

    /** One job's line, labelled with its symbol and timeframe. */
    public static String line(JobProgress job) {
        return line(job.symbol() + " " + job.timeframe().code(), job);
    }

    static String line(String label, JobProgress job) {
        if (job == null) {
            return String.format(Locale.ROOT, "%-14s [%s]   0%%  waiting for the planner", label, " ".repeat(WIDTH));
        }
        int filled = Math.min(WIDTH, job.progress() * WIDTH / 100);
        int settled = job.coveredDays() + job.doneDays() + job.failedDays();
        return String.format(Locale.ROOT, "%-14s [%s%s] %3d%%  %d/%d days  %d bars  %s%s", label,
                "#".repeat(filled), " ".repeat(WIDTH - filled), job.progress(), settled, job.totalDays(),
                job.barsWritten(), job.status(), notes(job));
    }

    /**
     * What the counts do not say: failed days, days waiting in a retry tier (and the providers
     * whose circuit breaker holds them), days settled short of bars. Empty when there is none.
     */
    private static String notes(JobProgress job) {
        List<String> notes = new ArrayList<>();
        if (job.failedDays() > 0) {
            notes.add(job.failedDays() + " failed");
        }
        if (!job.retrying().isEmpty()) {
            notes.add(job.retrying().size() + " retrying");
        }
        if (!job.trippedProviders().isEmpty()) {
            notes.add("breaker open: " + String.join(", ", job.trippedProviders()));
        }
        if (job.sparseDays() > 0) {
            notes.add(job.sparseDays() + " sparse");
        }
        return notes.isEmpty() ? "" : "  (" + String.join(", ", notes) + ")";
    }

    /**
     * The days behind the notes of {@link #line(JobProgress)}, one line each: every retrying day with
     * its attempt, provider and reason, and the sparse days' dates. Empty when there is none.
     */
    public static List<String> details(JobProgress job) {
        List<String> out = new ArrayList<>();
        for (RetryingDay r : job.retrying()) {
            out.add(String.format(Locale.ROOT, "  retrying %s  attempt %d%s%s%s", r.day(), r.attempt(),
                    r.provider() == null ? "" : "  " + r.provider(),
                    r.tripped() == null ? "" : "  (breaker open: " + r.tripped() + ")",
                    r.reason() == null ? "" : "  " + r.reason()));
        }
        if (!job.sparseDates().isEmpty()) {
            out.add("  sparse (settled with fewer bars than the session holds): "
                    + job.sparseDates().stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
        }
        return out;
    }
}

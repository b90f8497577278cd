package dev.barfill.app;

import dev.barfill.core.JobProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders one line per job: a bar, percent, days and bars. Pure, so it is easy to test. */
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
                job.barsWritten(), job.status(), job.failedDays() > 0 ? "  (" + job.failedDays() + " failed)" : "");
    }
}

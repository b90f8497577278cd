package dev.barfill.app.cli;

import dev.barfill.app.ProgressBoard;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code barfill watch JOB}: a progress bar fed by the job's event stream, redrawn in place on a
 * terminal, one line per change otherwise; the line counts retrying and sparse days, and the sparse
 * days' dates follow once the job has ended. Exits 0 when the job is done, 2 when it finished with
 * failed days or was cancelled.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow a job's progress live until it ends.")
public final class WatchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The job id, e.g. AAPL-15m-0123456789ab.")
    String jobId;

    @Mixin
    ApiOptions api;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean tty = System.console() != null;
        String[] previous = {null};
        Optional<JobProgress> last = api.client().follow(jobId, p -> {
            String line = ProgressBoard.line(p);
            if (!line.equals(previous[0])) {
                out.print(tty ? "\r" + line + "\033[K" : line + "\n");
                out.flush();
                previous[0] = line;
            }
        });
        if (tty) {
            out.println();
        }
        if (last.isEmpty() || !last.get().status().finished()) {
            throw new IllegalStateException("the stream of job " + jobId + " ended before the job did; run again");
        }
        // The line counts sparse days; the finished job's dates of them are worth a line of their own.
        ProgressBoard.details(last.get()).forEach(out::println);
        return last.get().status() == JobStatus.DONE ? 0 : 2;
    }
}

package dev.barfill.app.cli;

import dev.barfill.app.ProgressBoard;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code barfill status JOB}: one progress line, then a line per retrying day and the sparse days
 * (or the JSON); exits 1 when the API does not know the job. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job's progress once.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The job id, e.g. AAPL-15m-0123456789ab.")
    String jobId;

    @Option(names = "--json", description = "Print the job as JSON.")
    boolean json;

    @Mixin
    ApiOptions api;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var job = api.client().job(jobId);
        if (job.isEmpty()) {
            spec.commandLine().getErr().println("no job " + jobId + " (yet): the planner may not have reported it");
            return 1;
        }
        JobProgress p = job.get();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(p));
            return 0;
        }
        out.println(ProgressBoard.line(p));
        ProgressBoard.details(p).forEach(out::println);
        return 0;
    }
}

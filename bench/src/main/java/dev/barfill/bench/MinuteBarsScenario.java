package dev.barfill.bench;

import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.core.JobProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * minute-bars: 100 symbols x 7 trading days of 1m (about 270,000 bars) with a fast provider, so
 * the figure is what the pipeline and the sink sustain, not what the provider allows.
 */
final class MinuteBarsScenario implements Scenario {

    @Override
    public String name() {
        return "minute-bars";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        int symbols = scale == Scale.SMOKE ? 3 : 100;
        int days = scale == Scale.SMOKE ? 2 : 7;
        try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("minute-bars"),
                new EmbeddedStack.Options(0, Duration.ofMillis(5), 6))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            JobWaiter waiter = new JobWaiter(api, Duration.ofMillis(20));
            Stopwatch watch = new Stopwatch();
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < symbols; i++) {
                jobs.add(api.ensureCoverage(Windows.lastClosedDays(Windows.synthetic(i), "1m", days)).path("jobId").asText());
            }
            List<JobProgress> done = waiter.awaitAll(jobs, Duration.ofMinutes(20));
            double seconds = watch.seconds();
            long bars = done.stream().mapToLong(JobProgress::barsWritten).sum();
            return List.of(
                    new Row(name(), "elapsed, first POST to last job at 100%", seconds, "s",
                            symbols + " symbols x " + days + " trading days 1m, provider latency 5 ms"),
                    new Row(name(), "bars written", bars, "bars", null),
                    new Row(name(), "end-to-end throughput", bars / seconds, "bars/s", "sink-bound"),
                    new Row(name(), "peak RSS of the JVM (all roles, broker)", Rss.peakSelfMiB(), "MiB", null));
        }
    }
}

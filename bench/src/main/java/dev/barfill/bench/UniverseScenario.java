package dev.barfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * universe: 500 symbols x 21 trading days (30 calendar days) of 15m, about 10,500 day chunks and
 * 270,000 bars, against a provider with 100 ms latency that allows 3,000 requests a minute and
 * answers 429 beyond. The fetcher is configured at 90% of that. Reported beside the
 * provider-bound limit (requests needed / rate); also the peak memory of the all-in-one process.
 */
final class UniverseScenario implements Scenario {
    static final int PROVIDER_LIMIT = 3_000;
    static final int FETCHER_LIMIT = 2_700;

    @Override
    public String name() {
        return "universe";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        int symbols = scale == Scale.SMOKE ? 5 : 500;
        int days = scale == Scale.SMOKE ? 5 : 21;
        Duration latency = SingleScenario.LATENCY;
        EmbeddedStack.Options options = new EmbeddedStack.Options(0, latency, 6,
                SimulatorFaults.none(latency).withRateLimit(PROVIDER_LIMIT),
                f -> f.withProviders(List.of(ProviderSettings.simulator(f.providers().get(0).baseUrl(), FETCHER_LIMIT))));
        try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("universe"), options)) {
            ApiClient api = new ApiClient(stack.apiUrl());
            JobWaiter waiter = new JobWaiter(api, Duration.ofMillis(50));
            waiter.awaitAll(List.of(api.ensureCoverage(Windows.lastClosedDays("WARM", "15m", 5)).path("jobId").asText()),
                    Duration.ofMinutes(2));
            CoverageRequest window = Windows.lastClosedDays("AAPL", "15m", days);
            List<String> universe = IntStream.range(0, symbols).mapToObj(Windows::synthetic).toList();
            long requestsBefore = stack.simulator().requests();
            long limitedBefore = stack.simulator().rateLimited();

            Topics topics = Topics.defaults();
            long expectedChunks = (long) symbols * days;
            Stopwatch watch = new Stopwatch();
            StageClock stages = new StageClock(stack.bootstrapServers(),
                    List.of(topics.chunks.name(), topics.bars.name(), topics.chunkEvents.name()),
                    Map.of(topics.chunkEvents.name(), new FinalEvents()), expectedChunks, watch);
            ThreadCpu cpu = new ThreadCpu();
            long processCpuBefore = ProcessCpu.self();
            long postgresCpuBefore = ProcessCpu.postgresUnder(work.resolve("universe"));
            JsonNode answer = api.ensureCoverage(new BulkCoverageRequest(universe, "15m", window.from(), window.to(),
                    null, null, "bench"));
            List<String> jobs = new ArrayList<>();
            answer.path("results").forEach(r -> jobs.add(r.path("answer").path("jobId").asText()));
            List<JobProgress> done = waiter.awaitAll(jobs, Duration.ofMinutes(30));
            double seconds = watch.seconds();
            stages.close();
            cpu.close();
            long processCpu = ProcessCpu.self() - processCpuBefore;
            long postgresCpu = ProcessCpu.postgresUnder(work.resolve("universe")) - postgresCpuBefore;

            long requests = stack.simulator().requests() - requestsBefore;
            long limited = stack.simulator().rateLimited() - limitedBefore;
            long chunks = done.stream().mapToLong(JobProgress::totalDays).sum();
            long bars = done.stream().mapToLong(JobProgress::barsWritten).sum();
            // Yahoo serves 60 days of 15m per call: one request per symbol is all a provider-bound run needs.
            long needed = (long) symbols * ((days + 59) / 60);
            double bound = needed / (PROVIDER_LIMIT / 60.0);
            String what = symbols + " symbols x " + days + " trading days 15m, latency 100 ms, provider limit "
                    + PROVIDER_LIMIT + "/min, fetcher limit " + FETCHER_LIMIT + "/min";
            List<Row> rows = new ArrayList<>(List.of(
                    new Row(name(), "elapsed, bulk POST to every job at 100%", seconds, "s", what),
                    new Row(name(), "provider-bound limit (requests needed / provider rate)", bound, "s",
                            needed + " requests / " + PROVIDER_LIMIT + " per min; bursts above the rate are allowed"),
                    new Row(name(), "elapsed / provider-bound limit", seconds / bound, "x", "goal: within 1.10"),
                    new Row(name(), "stage: every chunk planned", stages.secondsTo(topics.chunks.name()), "s",
                            "since the bulk POST; end offsets of barfill.chunks"),
                    new Row(name(), "stage: every day fetched", stages.secondsTo(topics.bars.name()), "s",
                            "barfill.bars (a fetch that failed and was retried lands later)"),
                    new Row(name(), "stage: every day written", stages.secondsTo(topics.chunkEvents.name()), "s",
                            "final (WRITTEN, FAILED) events on barfill.chunk-events, produced after the database commit"),
                    new Row(name(), "provider requests made", requests, "requests", null),
                    new Row(name(), "429 answers", limited, "answers", "goal: 0"),
                    new Row(name(), "day chunks", chunks, "chunks", null),
                    new Row(name(), "bars written", bars, "bars", null),
                    new Row(name(), "peak RSS of the all-in-one JVM", Rss.peakSelfMiB(), "MiB",
                            "broker, every role and the harness; goal < 1,536"),
                    new Row(name(), "PostgreSQL RSS at the end", Rss.postgresMiB(), "MiB", "its own processes")));
            rows.addAll(cpuPerDay(cpu, processCpu, postgresCpu, chunks));
            return rows;
        }
    }

    /**
     * CPU per day chunk (one trading day of one series) from the bulk POST to the last job at 100%,
     * by stage: the threads of each role, found by their names ({@link Stages}).
     */
    private List<Row> cpuPerDay(ThreadCpu cpu, long processNanos, long postgresNanos, long days) {
        List<Row> rows = new ArrayList<>();
        String rest = "broker and other JVM threads";
        Map<String, Long> groups = cpu.byGroup(Stages.ALL, rest);
        groups.forEach((stage, nanos) -> rows.add(new Row(name(), "CPU per day: " + stage, nanos / 1e6 / days,
                "CPU-ms/day", String.format(Locale.ROOT, "%.1f CPU-s over %,d days", nanos / 1e9, days))));
        rows.add(new Row(name(), "CPU per day: whole JVM", processNanos / 1e6 / days, "CPU-ms/day",
                "every thread above plus GC and JIT compilers"));
        rows.add(new Row(name(), "CPU per day: PostgreSQL processes", postgresNanos / 1e6 / days, "CPU-ms/day",
                "its own processes, from /proc"));
        // Every thread with its stage, so that a thread named in a new way shows up in the wrong group here.
        System.err.println("universe: CPU by thread name (ms), and the stage it counted in:");
        cpu.byName().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.err.printf(Locale.ROOT, "  %8.0f  %-24s %s%n", e.getValue() / 1e6,
                        Stages.ALL.stream().filter(g -> g.threads().test(e.getKey())).map(ThreadCpu.Group::name)
                                .findFirst().orElse(rest), e.getKey()));
        return rows;
    }
}

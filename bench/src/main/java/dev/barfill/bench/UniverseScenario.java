package dev.barfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.DayBars;
import dev.barfill.core.JobProgress;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * universe: 500 symbols x 21 trading days (30 calendar days) of 15m, about 10,500 day chunks and
 * 270,000 bars, against a provider with 100 ms latency that allows 3,000 requests a minute and
 * answers 429 beyond; then again, on a fresh stack, at 6,000 a minute. The fetcher is configured
 * with the provider's limit, as a user would: its token bucket keeps its own margin (it refills
 * at the limit minus two seconds' worth, see {@code RateShare}). Reported beside the provider-bound
 * limit (requests needed / rate) and, at 6,000 a minute, the sink's bound on this machine (the bars
 * over the rate of a raw binary COPY measured on the same database in the same run); also the
 * stages, CPU per day by stage and the peak memory of the all-in-one process.
 *
 * <p>Before the measured bulk, a warm-up bulk of other symbols runs the same path end to end, so
 * the measured one sees compiled code, as a long-running deployment does (on 2 cores the JIT
 * compilers alone otherwise take several CPU-seconds of the measured span).
 */
final class UniverseScenario implements Scenario {
    static final int PROVIDER_LIMIT = 3_000;
    static final int FAST_PROVIDER_LIMIT = 6_000;

    @Override
    public String name() {
        return "universe";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        List<Row> rows = new ArrayList<>(measure(scale, work, PROVIDER_LIMIT));
        rows.addAll(measure(scale, work, FAST_PROVIDER_LIMIT));
        return rows;
    }

    private List<Row> measure(Scale scale, Path work, int providerLimit) throws Exception {
        int symbols = scale == Scale.SMOKE ? 5 : 500;
        int warmUpSymbols = scale == Scale.SMOKE ? 2 : 100;
        int days = scale == Scale.SMOKE ? 5 : 21;
        boolean fast = providerLimit == FAST_PROVIDER_LIMIT;
        String prefix = fast ? String.format(Locale.ROOT, "%,d/min: ", providerLimit) : "";
        Path dir = work.resolve("universe-" + providerLimit);
        Duration latency = SingleScenario.LATENCY;
        EmbeddedStack.Options options = new EmbeddedStack.Options(0, latency, 6,
                SimulatorFaults.none(latency).withRateLimit(providerLimit),
                f -> f.withProviders(List.of(ProviderSettings.simulator(f.providers().get(0).baseUrl(), providerLimit))));
        try (EmbeddedStack stack = EmbeddedStack.start(dir, options)) {
            ApiClient api = new ApiClient(stack.apiUrl());
            JobWaiter waiter = new JobWaiter(api, Duration.ofMillis(50));
            CoverageRequest window = Windows.lastClosedDays("AAPL", "15m", days);
            IntFunction<String> warmUpSymbol = i -> String.format(Locale.ROOT, "W%04d", i);
            bulk(api, waiter, IntStream.range(0, warmUpSymbols).mapToObj(warmUpSymbol).toList(), window, () -> { });
            List<String> universe = IntStream.range(0, symbols).mapToObj(Windows::synthetic).toList();
            long requestsBefore = stack.simulator().requests();
            long limitedBefore = stack.simulator().rateLimited();

            Topics topics = Topics.defaults();
            long expectedChunks = (long) symbols * days;
            // Yahoo serves 60 days of 15m per call: one request per symbol is all a provider-bound run needs.
            long needed = (long) symbols * ((days + 59) / 60);
            Stopwatch watch = new Stopwatch();
            StageClock stages = new StageClock(stack.bootstrapServers(),
                    List.of(topics.chunks.name(), topics.bars.name(), topics.chunkEvents.name()),
                    Map.of(topics.chunkEvents.name(), new FinalEvents()), java.util.Set.of(topics.bars.name()),
                    expectedChunks, watch);
            StageClock requested = new StageClock(stack.bootstrapServers(),
                    List.of(topics.coverageRequests.name()), symbols, watch);
            CountTrace providerCalls = new CountTrace(() -> stack.simulator().requests() - requestsBefore, needed, watch);
            ThreadCpu cpu = new ThreadCpu();
            long processCpuBefore = ProcessCpu.self();
            long postgresCpuBefore = ProcessCpu.postgresUnder(dir);
            // Time and CPU stop when the bulk is seen finished, before its jobs are read one by one.
            double[] end = new double[3];
            long[] cpuEnd = new long[2];
            List<JobProgress> done = bulk(api, waiter, universe, window, () -> {
                end[0] = watch.seconds();
                cpu.stop();
                cpuEnd[0] = ProcessCpu.self();
                cpuEnd[1] = ProcessCpu.postgresUnder(dir);
            }, answered -> end[1] = answered.seconds());
            double seconds = end[0];
            stages.close();
            requested.close();
            providerCalls.close();
            System.err.println("universe " + providerLimit + "/min: provider requests " + providerCalls.tenths());
            for (String topic : List.of(topics.chunks.name(), topics.bars.name(), topics.chunkEvents.name())) {
                System.err.println("universe " + providerLimit + "/min: " + topic + " " + stages.progress(topic));
            }

            long requests = stack.simulator().requests() - requestsBefore;
            long limited = stack.simulator().rateLimited() - limitedBefore;
            long chunks = done.stream().mapToLong(JobProgress::totalDays).sum();
            long bars = done.stream().mapToLong(JobProgress::barsWritten).sum();
            double bound = needed / (providerLimit / 60.0);
            String what = symbols + " symbols x " + days + " trading days 15m, latency 100 ms, provider limit "
                    + providerLimit + "/min, fetcher limit " + providerLimit + "/min; after a warm-up bulk of "
                    + warmUpSymbols + " other symbols";
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(name(), prefix + "elapsed, bulk POST to every job at 100%", seconds, "s", what));
            rows.add(new Row(name(), prefix + "provider-bound limit (requests needed / provider rate)", bound, "s",
                    needed + " requests / " + providerLimit + " per min; bursts above the rate are allowed"));
            if (fast) {
                double copyRate = rawCopyRate(stack, (int) bars);
                double sinkBound = bars / copyRate;
                double larger = Math.max(bound, sinkBound);
                rows.add(new Row(name(), prefix + "raw COPY rate on this machine", copyRate, "bars/s",
                        String.format(Locale.ROOT, "%,d bars in one binary COPY into ohlc_bars of the same database, after the run", bars)));
                rows.add(new Row(name(), prefix + "sink bound (bars / raw COPY rate)", sinkBound, "s", null));
                rows.add(new Row(name(), prefix + "elapsed / the larger of provider and sink bound", seconds / larger, "x",
                        "goal: within 1.25"));
            } else {
                rows.add(new Row(name(), "elapsed / provider-bound limit", seconds / bound, "x", "goal: within 1.10"));
            }
            rows.add(new Row(name(), prefix + "stage: every request on the topic",
                    requested.secondsTo(topics.coverageRequests.name()), "s",
                    "end offsets of barfill.coverage-requests; the bulk POST was answered at "
                            + String.format(Locale.ROOT, "%.2f s", end[1])));
            rows.add(new Row(name(), prefix + "stage: every chunk planned", stages.secondsTo(topics.chunks.name()), "s",
                    "since the bulk POST; end offsets of barfill.chunks"));
            rows.add(new Row(name(), prefix + "stage: every day fetched", stages.secondsTo(topics.bars.name()), "s",
                    "barfill.bars (a fetch that failed and was retried lands later)"));
            rows.add(new Row(name(), prefix + "stage: every day written", stages.secondsTo(topics.chunkEvents.name()), "s",
                    "final (WRITTEN, FAILED) events on barfill.chunk-events, produced after the database commit"));
            rows.add(new Row(name(), prefix + "provider requests made", requests, "requests", null));
            rows.add(new Row(name(), prefix + "429 answers", limited, "answers", "goal: 0"));
            rows.add(new Row(name(), prefix + "day chunks", chunks, "chunks", null));
            rows.add(new Row(name(), prefix + "bars written", bars, "bars", null));
            if (!fast) {
                rows.add(new Row(name(), "peak RSS of the all-in-one JVM", Rss.peakSelfMiB(), "MiB",
                        "broker, every role and the harness; goal < 1,536"));
                rows.add(new Row(name(), "PostgreSQL RSS at the end", Rss.postgresMiB(), "MiB", "its own processes"));
                rows.addAll(cpuPerDay(cpu, cpuEnd[0] - processCpuBefore, cpuEnd[1] - postgresCpuBefore, chunks));
            }
            return rows;
        }
    }

    /** Sends one bulk request and waits until every job of it has finished; {@code onFinished} runs at that moment. */
    private static List<JobProgress> bulk(ApiClient api, JobWaiter waiter, List<String> symbols, CoverageRequest window,
                                          Runnable onFinished) throws Exception {
        return bulk(api, waiter, symbols, window, onFinished, w -> { });
    }

    private static List<JobProgress> bulk(ApiClient api, JobWaiter waiter, List<String> symbols, CoverageRequest window,
                                          Runnable onFinished, java.util.function.Consumer<Stopwatch> onAnswered)
            throws Exception {
        int jobsBefore = api.jobCount(null);
        Stopwatch sent = new Stopwatch();
        JsonNode answer = api.ensureCoverage(new BulkCoverageRequest(symbols, "15m", window.from(), window.to(),
                null, null, "bench"));
        onAnswered.accept(sent);
        List<String> jobs = new ArrayList<>();
        answer.path("results").forEach(r -> jobs.add(r.path("answer").path("jobId").asText()));
        return waiter.awaitBulk(jobs, jobsBefore, Duration.ofMinutes(30), onFinished);
    }

    /** Bars per second of one raw binary COPY of {@code bars} 1m bars of other symbols into the stack's ohlc_bars. */
    private static double rawCopyRate(EmbeddedStack stack, int bars) throws Exception {
        List<DayBars> days = BenchBars.days(Math.max(bars, 1), 50);
        Stopwatch copy = new Stopwatch();
        SinkBench.rawCopy(stack.dataSource(), days);
        return bars / copy.seconds();
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

package dev.barfill.bench;

import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;

/**
 * api: the coverage check and {@code /v1/bars} (30 days of 15m) under an open-loop load of 200
 * requests per second. The load generator ({@link ApiLoadGenerator}) runs in a child JVM on the
 * same class path, so the figures are the stack's, not the generator's; it still shares the
 * machine's cores. Latency counts from each request's scheduled start. While each load runs, JFR
 * records the stack's JVM: the API's request threads' samples say what a request's time goes to,
 * and the API's own request timer says how much of the latency is spent inside the handler (the
 * rest is queueing and the wire).
 */
final class ApiLatencyScenario implements Scenario {
    static final int RATE = 200;
    /** Per-request goals, p99, from the issue. */
    static final double COVERAGE_GOAL_MS = 10;
    static final double BARS_GOAL_MS = 20;

    @Override
    public String name() {
        return "api";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        int seconds = scale == Scale.SMOKE ? 1 : 20;
        int warmUp = scale == Scale.SMOKE ? 20 : 400;
        try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("api"),
                new EmbeddedStack.Options(0, Duration.ofMillis(5), 6))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            CoverageRequest window = Windows.lastClosedDays("AAPL", "15m", 30);
            new JobWaiter(api, Duration.ofMillis(20)).awaitAll(List.of(api.ensureCoverage(window).path("jobId").asText()),
                    Duration.ofMinutes(2));
            Path body = work.resolve("coverage-request.json");
            Files.write(body, Json.mapper().writeValueAsBytes(window));
            MeterRegistry metrics = stack.roles().meterRegistry();
            List<Row> rows = new ArrayList<>();
            rows.addAll(load(work, "coverage check (stored window)", "coverage", "/v1/coverage", COVERAGE_GOAL_MS, metrics,
                    List.of("--url", stack.apiUrl() + "/v1/coverage", "--post-body", body.toString()), seconds, warmUp));
            rows.addAll(load(work, "GET /v1/bars, 30 days of 15m", "bars", "/v1/bars", BARS_GOAL_MS, metrics,
                    List.of("--url", stack.apiUrl() + "/v1/bars?symbol=AAPL&timeframe=15m&from=" + window.from()
                            + "&to=" + window.to()), seconds, warmUp));
            return rows;
        }
    }

    private List<Row> load(Path work, String what, String file, String route, double goal, MeterRegistry metrics,
                           List<String> request, int seconds, int warmUp) throws Exception {
        Path out = work.resolve(file + "-latencies.txt");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), ApiLoadGenerator.class.getName()));
        command.addAll(request);
        command.addAll(List.of("--rate", Integer.toString(RATE), "--seconds", Integer.toString(seconds),
                "--warm-up", Integer.toString(warmUp), "--out", out.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(file + "-generator.log").toFile()).start();
        // The server's side of the measured part: JFR over the whole child run (its warm-up is one
        // request at a time, a few percent of the samples), the request timer's totals before and after.
        Recording recording = JfrProfile.start();
        ServerTime before = ServerTime.of(metrics, route);
        ThreadCpu threads = new ThreadCpu();
        long jvmCpuBefore = ProcessCpu.self();
        long postgresCpuBefore = ProcessCpu.postgresUnder(work);
        // An overloaded server stretches the run far beyond its measured seconds: the open loop keeps sending.
        long limit = seconds * 10L + 120;
        boolean done = child.waitFor(limit, TimeUnit.SECONDS);
        ServerTime after = ServerTime.of(metrics, route);
        long jvmCpu = ProcessCpu.self() - jvmCpuBefore;
        long postgresCpu = ProcessCpu.postgresUnder(work) - postgresCpuBefore;
        threads.close();
        long requestThreadsCpu = threads.byGroup(List.of(new ThreadCpu.Group("request threads", ApiProfile::requestThread)),
                "other").get("request threads");
        recording.stop();
        Path jfr = work.resolve(file + ".jfr").toAbsolutePath();
        recording.dump(jfr);
        recording.close();
        if (!done) {
            child.destroyForcibly();
            throw new IllegalStateException("the load generator for " + route + " did not finish in " + limit
                    + " s; see " + work.resolve(file + "-generator.log"));
        }
        if (child.exitValue() != 0) {
            throw new IllegalStateException("the load generator for " + route + " exited " + child.exitValue() + ": "
                    + Files.readString(work.resolve(file + "-generator.log")).strip());
        }
        LoadResult result = LoadResult.read(out);
        Percentiles p = new Percentiles(result.latenciesMillis());
        double serverMean = after.meanMillisSince(before);
        List<Row> rows = new ArrayList<>(List.of(
                new Row(name(), what + " p50", p.at(50), "ms", RATE + " req/s for " + seconds
                        + " s, open loop, generator in its own JVM"),
                new Row(name(), what + " p99", p.at(99), "ms", String.format(Locale.ROOT, "goal < %.0f ms", goal)),
                new Row(name(), what + " achieved rate", result.achievedRate(), "req/s",
                        result.errors() + " errors of " + result.sent()),
                new Row(name(), what + ": time inside the API's handler, mean", serverMean, "ms",
                        "the API's http.server.requests timer over the run (warm-up included); the rest of a latency"
                                + " is Jetty's queue, the wire and the generator")));
        long served = Math.max(1, after.count() - before.count());
        String perRequest = served + " requests served, warm-up included";
        rows.add(new Row(name(), what + ": CPU per request, the API's request threads", requestThreadsCpu / 1e6 / served,
                "CPU-ms", perRequest + "; x " + RATE + " req/s = the cores the handlers need"));
        rows.add(new Row(name(), what + ": CPU per request, the whole stack JVM", jvmCpu / 1e6 / served, "CPU-ms",
                perRequest + "; every role of the stack, idle ones included, GC and JIT"));
        rows.add(new Row(name(), what + ": CPU per request, PostgreSQL", postgresCpu / 1e6 / served, "CPU-ms",
                perRequest + "; the stack's server and its backends, from /proc"));
        rows.addAll(ApiProfile.rows(name(), what, jfr));
        return rows;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The API's request timer for one route, summed over methods and statuses. */
    private record ServerTime(long count, double totalMillis) {
        static ServerTime of(MeterRegistry metrics, String route) {
            long count = 0;
            double total = 0;
            for (Timer t : metrics.find("http.server.requests").tag("route", route).timers()) {
                count += t.count();
                total += t.totalTime(TimeUnit.MILLISECONDS);
            }
            return new ServerTime(count, total);
        }

        double meanMillisSince(ServerTime before) {
            long n = count - before.count;
            return n == 0 ? 0 : (totalMillis - before.totalMillis) / n;
        }
    }
}

package dev.barfill.bench;

import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * api: the coverage check and {@code /v1/bars} (30 days of 15m) under an open-loop load of 200
 * requests per second from a generator on loopback. Latency counts from each request's scheduled
 * start, so a stall is not hidden by the generator waiting for it.
 */
final class ApiLatencyScenario implements Scenario {
    static final int RATE = 200;

    @Override
    public String name() {
        return "api";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        int seconds = scale == Scale.SMOKE ? 2 : 20;
        try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("api"),
                new EmbeddedStack.Options(0, Duration.ofMillis(5), 6))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            CoverageRequest window = Windows.lastClosedDays("AAPL", "15m", 30);
            new JobWaiter(api, Duration.ofMillis(20)).awaitAll(List.of(api.ensureCoverage(window).path("jobId").asText()),
                    Duration.ofMinutes(2));
            HttpRequest coverage = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/coverage"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(window))).build();
            HttpRequest bars = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/bars?symbol=AAPL&timeframe=15m&from="
                    + window.from() + "&to=" + window.to())).GET().build();
            List<Row> rows = new ArrayList<>();
            rows.addAll(load("coverage check (stored window)", coverage, 200, seconds));
            rows.addAll(load("GET /v1/bars, 30 days of 15m", bars, 200, seconds));
            return rows;
        }
    }

    private List<Row> load(String what, HttpRequest request, int expectedStatus, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
        for (int i = 0; i < 200; i++) {  // warm-up, not measured
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        int total = RATE * seconds;
        long interval = 1_000_000_000L / RATE;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));  // the load generator's pacing
            }
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                latencies.add((System.nanoTime() - scheduled) / 1e6);
                if (e != null || r.statusCode() != expectedStatus) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        Percentiles p = new Percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
        return List.of(
                new Row(name(), what + " p50", p.at(50), "ms", RATE + " req/s for " + seconds + " s, open loop"),
                new Row(name(), what + " p99", p.at(99), "ms", null),
                new Row(name(), what + " achieved rate", achieved, "req/s", errors.get() + " errors of " + total));
    }
}

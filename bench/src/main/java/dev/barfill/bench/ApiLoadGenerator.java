package dev.barfill.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The api scenario's load generator, run in a JVM of its own so that its CPU, heap and GC are not
 * the stack's: an open-loop load of one request at a fixed rate, each latency counted from the
 * request's scheduled start (a stall of the server is not hidden by the generator waiting for it).
 * Writes a {@link LoadResult} file and exits 0; any failure to run exits non-zero.
 */
@Command(name = "api-load", mixinStandardHelpOptions = true)
public final class ApiLoadGenerator implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--url", required = true, description = "Absolute URL to request.")
    URI url;

    @Option(names = "--post-body", description = "A file whose bytes are POSTed as JSON; without it, GET.")
    Path postBody;

    @Option(names = "--expect-status", defaultValue = "200")
    int expectStatus;

    @Option(names = "--rate", defaultValue = "200", description = "Requests per second.")
    int rate;

    @Option(names = "--seconds", required = true, description = "Measured seconds.")
    int seconds;

    @Option(names = "--warm-up", defaultValue = "200", description = "Requests sent one at a time first, not measured.")
    int warmUp;

    @Option(names = "--out", required = true, description = "Where to write the result.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiLoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rate and --seconds must be at least 1");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(url);
        HttpRequest request = postBody == null ? b.GET().build()
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(postBody))).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().executor(pool).build();
        for (int i = 0; i < warmUp; i++) {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != expectStatus) {
                throw new IllegalStateException("warm-up: " + url + " answered " + r.statusCode() + ", expected " + expectStatus);
            }
        }
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        double[] latencies = new double[total];
        AtomicInteger errors = new AtomicInteger();
        // Bodies are read to their end and dropped: the latency includes the whole answer, the heap holds none.
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int n = i;
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));  // pacing the open loop, not synchronisation
            }
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                latencies[n] = (System.nanoTime() - scheduled) / 1e6;
                if (e != null || r.statusCode() != expectStatus) {
                    errors.incrementAndGet();
                }
            }));
        }
        // allOf's completion happens-after every whenComplete above: the array is safely read below.
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        long elapsed = System.nanoTime() - start;
        new LoadResult(total, errors.get(), elapsed, latencies).write(out);
        pool.shutdownNow();
        return 0;
    }
}

package dev.barfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * single: one symbol, 30 trading days of 15m, provider latency 100 ms, no rate limit: the time
 * from {@code POST /v1/coverage} to the job at 100%, as a chart would see it.
 */
final class SingleScenario implements Scenario {
    static final Duration LATENCY = Duration.ofMillis(100);

    @Override
    public String name() {
        return "single";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        List<String> symbols = scale == Scale.SMOKE ? List.of("AAPL") : List.of("AAPL", "MSFT", "NVDA", "AMD", "INTC");
        try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("single"),
                new EmbeddedStack.Options(0, LATENCY, 6))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            JobWaiter waiter = new JobWaiter(api, Duration.ofMillis(5));
            // Warm-up: JIT, connection pools and the first Streams assignment are not what a chart waits for
            // from a running server; a few jobs of the measured size, on other symbols, take them out.
            for (String warm : List.of("WARMA", "WARMB", "WARMC", "WARMD", "WARME")) {
                waiter.awaitAll(List.of(api.ensureCoverage(Windows.lastClosedDays(warm, "15m", 30)).path("jobId").asText()),
                        Duration.ofMinutes(2));
            }
            double[] seconds = new double[symbols.size()];
            long requestsBefore = stack.simulator().requests();
            for (int i = 0; i < symbols.size(); i++) {
                Stopwatch watch = new Stopwatch();
                JsonNode answer = api.ensureCoverage(Windows.lastClosedDays(symbols.get(i), "15m", 30));
                waiter.awaitAll(List.of(answer.path("jobId").asText()), Duration.ofMinutes(2));
                seconds[i] = watch.seconds();
            }
            long requests = stack.simulator().requests() - requestsBefore;
            Percentiles p = new Percentiles(seconds);
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(name(), "POST /v1/coverage to 100%, median of " + symbols.size(), p.at(50), "s",
                    "1 symbol x 30 trading days 15m, provider latency 100 ms, after 5 such jobs of other symbols; goal < 0.5 s"));
            rows.add(new Row(name(), "slowest of " + symbols.size(), p.at(100), "s", null));
            rows.add(new Row(name(), "provider requests per 30-day job", (double) requests / symbols.size(), "requests", null));
            return rows;
        }
    }
}

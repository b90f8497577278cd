package dev.barfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.planner.PlannerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * single: one symbol, 30 trading days of 15m, provider latency 100 ms, no rate limit: the time
 * from {@code POST /v1/coverage} to the job at 100%, as a chart would see it. Measured with the
 * planner's default poll interval and, on a second stack in the same run, with Kafka Streams' own
 * default of 100 ms, so the setting's effect is read side by side.
 */
final class SingleScenario implements Scenario {
    static final Duration LATENCY = Duration.ofMillis(100);
    static final Duration STREAMS_DEFAULT_POLL = Duration.ofMillis(100);

    private record Measured(double[] seconds, long requests) {
    }

    @Override
    public String name() {
        return "single";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        List<String> symbols = scale == Scale.SMOKE ? List.of("AAPL") : List.of("AAPL", "MSFT", "NVDA", "AMD", "INTC");
        Duration poll = Duration.ofMillis(PlannerConfig.DEFAULT_POLL_MILLIS);
        Measured ours = measure(work.resolve("single"), symbols, poll);
        Measured streams = measure(work.resolve("single-poll-100"), symbols, STREAMS_DEFAULT_POLL);

        Percentiles p = new Percentiles(ours.seconds());
        Percentiles q = new Percentiles(streams.seconds());
        String pollNote = String.format(Locale.ROOT, "planner.poll-interval %d ms (the default)", poll.toMillis());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(name(), "POST /v1/coverage to 100%, median of " + symbols.size(), p.at(50), "s",
                "1 symbol x 30 trading days 15m, provider latency 100 ms, after 5 such jobs of other symbols; "
                        + pollNote + "; goal < 0.5 s"));
        rows.add(new Row(name(), "slowest of " + symbols.size(), p.at(100), "s", null));
        rows.add(new Row(name(), "provider requests per 30-day job", (double) ours.requests() / symbols.size(),
                "requests", null));
        rows.add(new Row(name(), "poll 100 ms: POST /v1/coverage to 100%, median of " + symbols.size(), q.at(50), "s",
                "the same on a second stack of the same run, planner.poll-interval 100 ms (Kafka Streams' default)"));
        rows.add(new Row(name(), "poll 100 ms: slowest of " + symbols.size(), q.at(100), "s", null));
        rows.add(new Row(name(), "median with poll 100 ms / median with the default", q.at(50) / p.at(50), "x",
                "how much the default poll interval saves a chart"));
        return rows;
    }

    private static Measured measure(Path dir, List<String> symbols, Duration poll) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir, new EmbeddedStack.Options(0, LATENCY, 6)
                .withPlanner(c -> c.withPollInterval(poll)))) {
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
            return new Measured(seconds, stack.simulator().requests() - requestsBefore);
        }
    }
}

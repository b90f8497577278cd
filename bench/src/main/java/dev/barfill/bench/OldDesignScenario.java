package dev.barfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.ApiClient;
import dev.barfill.app.EmbeddedStack;
import dev.barfill.bench.olddesign.OldDesignSchema;
import dev.barfill.bench.olddesign.OldDesignWorker;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.fetcher.provider.YahooChartProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * old-design: the design barfill replaces (job and chunk tables, a SKIP LOCKED claim function, a
 * worker claiming 4 chunks per pg_cron tick, one provider call per day) beside barfill, on the
 * same simulator and the same PostgreSQL, in one run. The old tick is shortened and the result
 * projected to the real one-minute tick.
 */
final class OldDesignScenario implements Scenario {
    static final Duration REAL_TICK = Duration.ofMinutes(1);

    @Override
    public String name() {
        return "old-design";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        int days = scale == Scale.SMOKE ? 8 : 30;
        Duration shortTick = scale == Scale.SMOKE ? Duration.ofMillis(100) : Duration.ofSeconds(1);
        try (EmbeddedStack stack = EmbeddedStack.start(work.resolve("old-design"),
                new EmbeddedStack.Options(0, SingleScenario.LATENCY, 6))) {
            ApiClient api = new ApiClient(stack.apiUrl());
            JobWaiter waiter = new JobWaiter(api, Duration.ofMillis(5));
            waiter.awaitAll(List.of(api.ensureCoverage(Windows.lastClosedDays("WARM", "15m", 5)).path("jobId").asText()),
                    Duration.ofMinutes(2));

            CoverageRequest window = Windows.lastClosedDays("AAPL", "15m", days);
            long before = stack.simulator().requests();
            Stopwatch barfillWatch = new Stopwatch();
            JsonNode answer = api.ensureCoverage(window);
            waiter.awaitAll(List.of(answer.path("jobId").asText()), Duration.ofMinutes(2));
            double barfillSeconds = barfillWatch.seconds();
            long barfillCalls = stack.simulator().requests() - before;

            OldDesignSchema.create(stack.dataSource());
            CalendarRegistry calendars = CalendarRegistry.defaults();
            OldDesignWorker old = new OldDesignWorker(stack.dataSource(), new YahooChartProvider("yahoo",
                    YahooChartProvider.defaultClient(Duration.ofSeconds(30), 4), stack.simulator().baseUrl()),
                    calendars, 4);
            old.enqueue("AAPL", Timeframe.M15, window.from(), window.to());
            OldDesignWorker.Result result = old.drain(shortTick);
            double projected = result.projected(REAL_TICK).toMillis() / 1000.0;

            String what = "1 symbol x " + days + " trading days 15m, latency 100 ms";
            return List.of(
                    new Row(name(), "barfill: POST to 100%", barfillSeconds, "s", what),
                    new Row(name(), "barfill: provider calls", barfillCalls, "requests", null),
                    new Row(name(), "old design: measured with a " + shortTick.toMillis() + " ms tick",
                            result.elapsed().toMillis() / 1000.0, "s", result.ticks() + " ticks of 4 chunks"),
                    new Row(name(), "old design: projected to its 60 s pg_cron tick", projected, "s",
                            "(ticks - 1) x 60 s + last tick's work"),
                    new Row(name(), "old design: provider calls", result.providerCalls(), "requests", "one per day"),
                    new Row(name(), "old design / barfill (projected)", projected / barfillSeconds, "x",
                            "how many times longer a chart waited"));
        }
    }
}

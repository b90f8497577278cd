package dev.barfill.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.time.Clocks;
import dev.barfill.store.BarsReader;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code barfill demo}: starts the embedded stack, asks the API for coverage of a few symbols,
 * shows each job's progress in place and ends with one summary line. A second run on the same
 * data directory finds everything covered and fetches nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Backfill a few symbols on the one-process stack and watch the progress.",
                "Embeds Kafka and PostgreSQL unless you give yours (--bootstrap-servers, --db-url or --config FILE)."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--symbols", defaultValue = "AAPL,MSFT,NVDA", split = ",",
            description = "Symbols to backfill (default: ${DEFAULT-VALUE}).")
    List<String> symbols;

    @Option(names = "--timeframe", defaultValue = "15m", description = "Bar timeframe (default: ${DEFAULT-VALUE}).")
    String timeframe;

    @Option(names = "--days", defaultValue = "30", description = "Trading days up to today (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--timeout-s", defaultValue = "600", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--port", defaultValue = "0", description = "REST port while the demo runs (default: any free port).")
    int port;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        List<CoverageRequest> requests = new ArrayList<>();
        for (String symbol : symbols) {
            requests.add(lastClosedDays(symbol));  // bad input fails here, before anything starts
        }
        dev.barfill.core.Timeframe.parse(timeframe);
        out.println("starting the provider simulator, every role, and Kafka and PostgreSQL unless given...");
        try (EmbeddedStack running = stack.start(port)) {
            out.printf(Locale.ROOT, "stack up in %.1f s: API %s%n", seconds(t0), running.apiUrl());
            ApiClient client = new ApiClient(running.apiUrl());
            List<String> labels = new ArrayList<>();
            List<String> jobIds = new ArrayList<>();
            List<JsonNode> answers = new ArrayList<>();
            for (CoverageRequest request : requests) {
                JsonNode answer = client.ensureCoverage(request);
                answers.add(answer);
                if (!answer.path("hasCoverage").asBoolean()) {
                    labels.add(answer.path("symbol").asText() + " " + answer.path("timeframe").asText());
                    jobIds.add(answer.path("jobId").asText());
                }
            }
            if (jobIds.isEmpty()) {
                out.printf(Locale.ROOT, "full coverage already: %d symbols x %d trading days of %s are stored;"
                        + " nothing to fetch (%.1f s)%n", symbols.size(), days, timeframe, seconds(t0));
                return 0;
            }
            List<JobProgress> finished = watch(client, labels, jobIds);
            if (finished == null) {
                out.printf(Locale.ROOT, "timed out after %d s; state is kept in %s, run again to resume%n",
                        timeoutSeconds, stack.dataDir);
                return 3;
            }
            if (stack.usesEmbeddedSimulator()) {
                out.printf(Locale.ROOT, "provider requests: %d (%d answered 429)%n", running.simulator().requests(),
                        running.simulator().rateLimited());
                running.simulator().realistic().filter(served -> dev.barfill.core.Timeframe.parse(timeframe).intraday())
                        .ifPresent(served -> out.printf(Locale.ROOT,
                        "realistic simulator: %d bars served with prices in these windows (thin days and rows of null"
                                + " prices leave intervals out, closing ticks are not bars)%n", servedBars(served, answers)));
            }
            return summarise(finished, answers, running.dataSource(), t0);
        }
    }

    /**
     * The last {@code days} sessions that have closed: their bars are final, so a second run
     * finds them complete even while the market is open.
     */
    private CoverageRequest lastClosedDays(String symbol) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        ExchangeCalendar calendar = CalendarRegistry.defaults().forSymbol(Symbol.parse(symbol));
        LocalDate to = calendar.lastClosedDay(Clocks.fromEnvironment().instant());
        return CoverageRequest.ofRange(symbol, timeframe, calendar.startOfLastTradingDays(to, days), to);
    }

    /** Polls the jobs until all are finished; null on timeout. */
    private List<JobProgress> watch(ApiClient client, List<String> labels, List<String> jobIds) throws Exception {
        boolean tty = System.console() != null;
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        List<String> previous = List.of();
        while (System.nanoTime() < deadline) {
            List<JobProgress> jobs = new ArrayList<>();
            for (String id : jobIds) {
                Optional<JobProgress> job = client.job(id);
                jobs.add(job.orElse(null));
            }
            List<String> lines = ProgressBoard.lines(labels, jobs);
            if (!lines.equals(previous)) {
                if (tty && !previous.isEmpty()) {
                    out.printf("\033[%dA", previous.size());  // back to the first line: redraw in place
                }
                for (String line : lines) {
                    out.print(tty ? line + "\033[K\n" : line + "\n");
                }
                out.flush();
                previous = lines;
            }
            if (jobs.stream().allMatch(j -> j != null && j.status().finished())) {
                return jobs;
            }
            Thread.sleep(tty ? 100 : 500);
        }
        return null;
    }

    private int summarise(List<JobProgress> jobs, List<JsonNode> answers, DataSource db, long t0) {
        int fetchedDays = jobs.stream().mapToInt(JobProgress::doneDays).sum();
        int failedDays = jobs.stream().mapToInt(JobProgress::failedDays).sum();
        long barsWritten = jobs.stream().mapToLong(JobProgress::barsWritten).sum();
        long stored = storedBars(db, answers);
        out.printf(Locale.ROOT, "done: %d jobs, %d trading days fetched, %d bars written, %.1f s"
                        + " (%d bars stored in these windows%s)%n", jobs.size(), fetchedDays, barsWritten,
                seconds(t0), stored, failedDays > 0 ? ", " + failedDays + " days failed" : "");
        return failedDays > 0 ? 2 : 0;
    }

    private static long storedBars(DataSource db, List<JsonNode> answers) {
        BarsReader bars = new BarsReader(db);
        long total = 0;
        for (JsonNode a : answers) {
            Series series = Series.of(a.path("symbol").asText(), Timeframe.parse(a.path("timeframe").asText()));
            // Trading days are the exchange's local dates: the window's rows are those whose local date falls in it.
            total += bars.countOnDays(series, LocalDate.parse(a.path("from").asText()),
                    LocalDate.parse(a.path("to").asText()), CalendarRegistry.defaults().forSymbol(series.symbol()).zone());
        }
        return total;
    }

    /** The bars the realistic simulator has for the requested windows: what a correct fetch stores. */
    private static long servedBars(RealisticMarket served, List<JsonNode> answers) {
        long total = 0;
        for (JsonNode a : answers) {
            Symbol symbol = Symbol.parse(a.path("symbol").asText());
            Duration step = dev.barfill.core.Timeframe.parse(a.path("timeframe").asText()).length();
            for (var session : CalendarRegistry.defaults().forSymbol(symbol).sessions(
                    LocalDate.parse(a.path("from").asText()), LocalDate.parse(a.path("to").asText()))) {
                total += served.keptBars(symbol, step, session.day()).size();
            }
        }
        return total;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public String toString() {
        return "demo " + Arrays.toString(symbols.toArray());
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's real-provider command, exactly as written but for the URL (a local Yahoo-format
 * server that, like Yahoo, answers library User-Agents 429) and a free port instead of 8080, run as
 * its own process in an empty directory: the job ends DONE with Yahoo-format bars, no request
 * carries a library User-Agent, and a 403 ends the next job with a clear refusal after one request;
 * and, against an illiquid Yahoo-format server, the settled-days flow of {@link SettledDaysIT}.
 */
@Tag("date-sensitive")
@Timeout(300)
class RealProviderRunIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String DOCUMENTED = "./barfill run --provider yahoo --provider-url ";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** The README line, without its trailing comment. */
    private static String documentedCommand() throws Exception {
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith(DOCUMENTED)) {
                return line.replaceAll("\\s+#.*$", "").trim();
            }
        }
        throw new AssertionError("README.md shows no line starting with " + DOCUMENTED);
    }

    /** The README line as its own process in an empty directory, against {@code providerUrl}, on a free port. */
    private Run startDocumented(String providerUrl) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(documentedCommand().split("\\s+")));
        assertThat(args.remove(0)).isEqualTo("./barfill");
        int url = args.indexOf("--provider-url") + 1;
        assertThat(args.get(url)).isEqualTo("https://query1.finance.yahoo.com");
        args.set(url, providerUrl);
        int port = Ports.free();
        args.addAll(List.of("--port", Integer.toString(port)));
        Path workDir = Files.createDirectories(dir.resolve("cwd"));
        ChildJvm child = ChildJvm.start(dir.resolve("run.log"), workDir, Map.of(), args.toArray(String[]::new));
        String apiUrl = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(120)).until(
                () -> child.output().contains("barfill is running: API " + apiUrl) || !child.isAlive());
        assertThat(child.isAlive()).as(child.output()).isTrue();
        assertThat(workDir.resolve("data")).as("./data in the directory it was started in").isDirectory();
        return new Run(child, apiUrl, workDir);
    }

    private record Run(ChildJvm child, String apiUrl, Path workDir) implements AutoCloseable {
        ApiClient api() {
            return new ApiClient(apiUrl);
        }

        @Override
        public void close() throws InterruptedException {
            child.close();
        }
    }

    @Test
    void shouldServeTheDocumentedRealProviderCommandAgainstAYahooFormatServer() throws Exception {
        try (YahooSimulator yahoo = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ofMillis(5), 0).refuseLibraryAgents(true).start();
             Run run = startDocumented(yahoo.baseUrl())) {
            ChildJvm child = run.child();
            String apiUrl = run.apiUrl();
            ApiClient api = run.api();

            RecentSessions window = RecentSessions.last(3);
            JobProgress done = finish(api, CoverageRequest.ofRange("AAPL", "15m", window.from(), window.to()));
            assertThat(done.status()).as(child.output()).isEqualTo(JobStatus.DONE);
            assertThat(done.barsWritten()).isEqualTo(window.bars(Timeframe.M15));
            assertThat(yahoo.requests()).isPositive();
            assertThat(yahoo.libraryAgentRequests()).as("requests with a library User-Agent").isZero();
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Json.mapper().readTree(ready.body()).path("checks").path("providers").path("detail")
                    .asText()).isEqualTo("serving: yahoo");

            // Blocked: one request, a permanent failure in plain words, no retry loop.
            yahoo.refuseWith(403);
            long before = yahoo.requests();
            JobProgress refused = finish(api, CoverageRequest.ofRange("MSFT", "15m", window.from(), window.to()));
            assertThat(refused.status()).isEqualTo(JobStatus.DONE_WITH_ERRORS);
            assertThat(refused.lastErrors()).anySatisfy(e -> assertThat(e)
                    .contains("refused by yahoo: 403 Forbidden; the key is wrong or this client is blocked"));
            assertThat(yahoo.requests() - before).isEqualTo(1);
        }
    }

    /**
     * The flow of {@link SettledDaysIT} through the documented command: an illiquid name over 20
     * closed sessions ends DONE with exactly the rows the server had, every day settled and
     * reported sparse, and asked again is covered without another provider request.
     */
    @Test
    void shouldSettleAnIlliquidWindowThroughTheDocumentedRealProviderCommand() throws Exception {
        // A day back from the latest close: every session closed well before the settle delay ran out.
        RecentSessions window = RecentSessions.last(20, 1);
        Clock clock = RecentSessions.clock();
        try (IlliquidYahooServer yahoo = new IlliquidYahooServer(clock);
             Run run = startDocumented(yahoo.baseUrl())) {
            ApiClient api = run.api();
            CoverageRequest request = CoverageRequest.ofRange("ILLQ", "15m", window.from(), window.to());
            JsonNode first = api.ensureCoverage(request);
            assertThat(first.path("hasCoverage").asBoolean()).as(first.toString()).isFalse();
            JobProgress done = finish(api, first);
            Instant now = clock.instant();
            List<Instant> traded = window.sessions().stream()
                    .flatMap(s -> IlliquidYahooServer.tradedIntervals(s, now).stream()).toList();
            assertThat(done.status()).as(run.child().output()).isEqualTo(JobStatus.DONE);
            assertThat(done.barsWritten()).isEqualTo(traded.size());
            assertThat(done.sparseDays()).isEqualTo(window.days());
            assertThat(done.sparseDates()).containsExactlyElementsOf(window.sessions().stream().map(Session::day)
                    .toList());

            JsonNode stored = bars(run.apiUrl(), "symbol=ILLQ&timeframe=15m&from=" + window.from() + "&to=" + window.to());
            List<Instant> times = new ArrayList<>();
            stored.path("bars").forEach(b -> times.add(Instant.parse(b.path("ts").asText())));
            assertThat(times).as("nulls and closing ticks dropped, nothing invented").containsExactlyElementsOf(traded);

            long requests = yahoo.requests();
            JsonNode again = api.ensureCoverage(request);
            assertThat(again.path("hasCoverage").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.path("sparseDays").asInt()).isEqualTo(window.days());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> yahoo.requests() == requests);
            assertThat(requests).isPositive();
            assertThat(yahoo.agents()).as("User-Agents the server saw").isNotEmpty().allSatisfy(agent -> assertThat(agent)
                    .startsWith("Mozilla/5.0").doesNotContainIgnoringCase("okhttp").doesNotContainIgnoringCase("java"));
        }
    }

    private static JsonNode bars(String apiUrl, String query) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/v1/bars?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static JobProgress finish(ApiClient api, CoverageRequest request) throws Exception {
        return finish(api, api.ensureCoverage(request));
    }

    private static JobProgress finish(ApiClient api, JsonNode answer) {
        String jobId = answer.path("jobId").asText();
        assertThat(jobId).as(answer.toString()).isNotBlank();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.job(jobId).orElse(null), j -> j != null && j.status().finished());
    }
}

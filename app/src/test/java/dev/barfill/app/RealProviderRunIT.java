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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * carries a library User-Agent, and a 403 ends the next job with a clear refusal after one request.
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

    @Test
    void shouldServeTheDocumentedRealProviderCommandAgainstAYahooFormatServer() throws Exception {
        String documented = documentedCommand();
        try (YahooSimulator yahoo = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                Duration.ofMillis(5), 0).refuseLibraryAgents(true).start()) {
            List<String> args = new ArrayList<>(Arrays.asList(documented.split("\\s+")));
            assertThat(args.remove(0)).isEqualTo("./barfill");
            int url = args.indexOf("--provider-url") + 1;
            assertThat(args.get(url)).isEqualTo("https://query1.finance.yahoo.com");
            args.set(url, yahoo.baseUrl());
            int port = Ports.free();
            args.addAll(List.of("--port", Integer.toString(port)));
            Path workDir = Files.createDirectories(dir.resolve("cwd"));
            try (ChildJvm child = ChildJvm.start(dir.resolve("run.log"), workDir, Map.of(),
                    args.toArray(String[]::new))) {
                String apiUrl = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(120)).until(
                        () -> child.output().contains("barfill is running: API " + apiUrl) || !child.isAlive());
                assertThat(child.isAlive()).as(child.output()).isTrue();
                assertThat(workDir.resolve("data")).as("./data in the directory it was started in").isDirectory();
                ApiClient api = new ApiClient(apiUrl);

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
    }

    private static JobProgress finish(ApiClient api, CoverageRequest request) throws Exception {
        JsonNode answer = api.ensureCoverage(request);
        String jobId = answer.path("jobId").asText();
        assertThat(jobId).as(answer.toString()).isNotBlank();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.job(jobId).orElse(null), j -> j != null && j.status().finished());
    }
}

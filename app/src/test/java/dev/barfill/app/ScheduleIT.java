package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.cli.ScheduleCommand;
import dev.barfill.core.Json;
import dev.barfill.core.calendar.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A schedule on the real broker: the whole stack runs on a clock set just before the latest
 * closed session's close plus the settle delay, the README's {@code barfill schedule add} line
 * adds a schedule for three symbols, and once the simulated clock passes the due time the planner
 * requests their windows by itself: they become complete with no request from outside. The
 * README's {@code list} and {@code rm} lines then show and delete it. Each line runs as written,
 * with {@code --api} of this stack appended.
 */
@Tag("date-sensitive")
@Timeout(300)
class ScheduleIT {
    /** The README's {@code ./barfill schedule ...} lines, in order. */
    private static List<String[]> readmeLines() throws Exception {
        return java.nio.file.Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("./barfill schedule "))
                .map(l -> l.substring("./barfill schedule ".length()).trim().split("\\s+")).toList();
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new AssertionError(name + " missing from the README's schedule add line");
    }

    @TempDir
    Path dir;

    private static String cli(String api, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ScheduleCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", api));
        assertThat(cli.execute(all.toArray(String[]::new))).as(out + " " + err).isZero();
        return out.toString();
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void shouldFillTheWindowsOfAScheduleAfterASimulatedCloseWithNoOutsideRequest() throws Exception {
        List<String[]> lines = readmeLines();
        assertThat(lines).extracting(l -> l[0]).containsExactly("add", "list", "rm");
        String[] add = lines.get(0);
        List<String> symbols = List.of(option(add, "--symbols").split(","));
        int days = Integer.parseInt(option(add, "--days"));
        Duration settle = Duration.ofMinutes(Integer.parseInt(option(add, "--settle-minutes")));
        assertThat(symbols).hasSize(3);

        Clock real = RecentSessions.clock();
        Session last = RecentSessions.XNYS.sessions(RecentSessions.last(1).from(), RecentSessions.last(1).to()).get(0);
        Instant due = last.close().plus(settle);
        // The stack's "now" runs 20 s before the due time of that close.
        Clock clock = Clock.offset(real, Duration.between(real.instant(), due.minusSeconds(20)));
        try (EmbeddedStack stack = EmbeddedStack.start(dir,
                new EmbeddedStack.Options(0, Duration.ofMillis(10), 3).withClock(clock))) {
            assertThat(cli(stack.apiUrl(), add)).contains("schedule nightly: 3 symbol(s) at 15m, last " + days
                    + " trading days");
            await("the schedule listed").atMost(Duration.ofSeconds(30)).until(() -> cli(stack.apiUrl(), lines.get(1)),
                    out -> out.contains("nightly") && out.contains(String.join(",", symbols)));
            assertThat(get(stack.apiUrl() + "/v1/jobs?symbol=" + symbols.get(0))).as("nothing before the due time")
                    .isEmpty();

            for (String symbol : symbols) {
                String window = stack.apiUrl() + "/v1/coverage?symbol=" + symbol + "&timeframe=15m&days=" + days;
                await(symbol + "'s window complete").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> get(window).path("hasCoverage").asBoolean());
                assertThat(get(window).path("to").asText()).isEqualTo(last.day().toString());
                // The rows land before the planner settles their events: the job turns DONE just after.
                await(symbol + "'s job done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            JsonNode jobs = get(stack.apiUrl() + "/v1/jobs?symbol=" + symbol);
                            assertThat(jobs).hasSize(1);
                            assertThat(jobs.get(0).path("status").asText()).isEqualTo("DONE");
                        });
            }
            assertThat(clock.instant()).isAfter(due);

            assertThat(cli(stack.apiUrl(), lines.get(2))).contains("schedule nightly deleted");
            await("the schedule gone").atMost(Duration.ofSeconds(30))
                    .until(() -> cli(stack.apiUrl(), lines.get(1)), out -> out.contains("0 schedule(s)"));
        }
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.core.JobStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client commands ({@code request}, {@code bulk}, {@code status}, {@code watch}) against the real stack. */
@Tag("date-sensitive")
@Timeout(300)
class CliCommandsIT {
    private static final Pattern JOB = Pattern.compile("job ([A-Z0-9_]+-[0-9a-z]+-[0-9a-f]{12})");

    @TempDir
    static Path dataDir;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        // "--days N" is the last N trading days at the server's clock, today's session included while
        // it is open: on a clock just past the latest settle time every one is settled, so a window
        // filled once is covered when asked again, at any time of day.
        stack = EmbeddedStack.start(dataDir,
                new EmbeddedStack.Options(0, Duration.ofMillis(10), 3).withClock(RecentSessions.settledClock()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Exit code and everything printed. */
    private record Run(int exit, String out, String err) {
    }

    private static Run barfill(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String jobIdIn(String output) {
        Matcher m = JOB.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    @Test
    void shouldRequestThroughTheApiThenWatchTheJobToTheEndAndReportItDone() {
        Run request = barfill("request", "AAPL", "--timeframe", "15m", "--days", "5", "--api", stack.apiUrl());
        assertThat(request.exit()).as(request.err()).isZero();
        String jobId = jobIdIn(request.out());

        Run watch = barfill("watch", jobId, "--api", stack.apiUrl());
        assertThat(watch.exit()).as(watch.err()).isZero();
        assertThat(watch.out()).contains("100%").contains("DONE").contains("[" + "#".repeat(ProgressBoard.WIDTH) + "]");

        Run status = barfill("status", jobId, "--api", stack.apiUrl());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("100%").contains("5/5 days").contains("DONE");

        // The README's refresh: every day covered, yet the same job fetches them all again.
        Run refresh = barfill("request", "AAPL", "--timeframe", "15m", "--days", "5", "--refresh",
                "--api", stack.apiUrl());
        assertThat(refresh.exit()).as(refresh.err()).isZero();
        assertThat(refresh.out()).contains("covered: 5/5").contains("job " + jobId + " fetches them again");
        Run again = barfill("watch", jobId, "--api", stack.apiUrl());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("DONE");
    }

    @Test
    void shouldQueueEveryGoodSymbolOfAFileAndNameTheBadOne() throws Exception {
        Path universe = dataDir.resolve("universe.txt");
        Files.writeString(universe, "# a small universe\nMSFT, bad sym\n\nNVDA  # trailing comment\n");
        Run bulk = barfill("bulk", "--file", universe.toString(), "--days", "3", "--api", stack.apiUrl());
        assertThat(bulk.exit()).isEqualTo(1);
        assertThat(bulk.out()).contains("3 symbols: 0 covered, 2 queued, 1 refused")
                .contains("BAD SYM").contains("invalid").contains("MSFT").contains("NVDA");
    }

    @Test
    void shouldFetchEverySymbolOfAFileAgainWithBulkRefresh() throws Exception {
        Path universe = dataDir.resolve("refresh-universe.txt");
        Files.writeString(universe, "AMD\nINTC\n");
        Run first = barfill("bulk", "--file", universe.toString(), "--days", "3", "--api", stack.apiUrl());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 symbols: 0 covered, 2 queued, 0 refused");
        List<String> jobs = jobIdsIn(first.out());
        assertThat(jobs).hasSize(2);
        ApiClient api = new ApiClient(stack.apiUrl());
        for (String jobId : jobs) {
            await("job " + jobId + " done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.job(jobId).map(j -> j.status() == JobStatus.DONE).orElse(false));
        }
        Run covered = barfill("bulk", "--file", universe.toString(), "--days", "3", "--api", stack.apiUrl());
        assertThat(covered.out()).contains("2 symbols: 2 covered, 0 queued, 0 refused");

        // The README's bulk refresh: every window covered, yet each symbol's job fetches it all again.
        Run refresh = barfill("bulk", "--file", universe.toString(), "--days", "3", "--refresh", "--api", stack.apiUrl());
        assertThat(refresh.exit()).as(refresh.err()).isZero();
        assertThat(refresh.out()).contains("2 symbols: 0 covered, 2 queued, 0 refused");
        assertThat(jobIdsIn(refresh.out())).containsExactlyInAnyOrderElementsOf(jobs);
        for (String jobId : jobs) {
            Run watch = barfill("watch", jobId, "--api", stack.apiUrl());
            assertThat(watch.exit()).as(watch.err()).isZero();
            assertThat(watch.out()).contains("DONE").contains("3/3 days");
        }
    }

    private static List<String> jobIdsIn(String output) {
        List<String> ids = new java.util.ArrayList<>();
        Matcher m = JOB.matcher(output);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void shouldProduceStraightOntoKafkaWithBootstrapServers() {
        Run request = barfill("request", "TSLA", "--days", "4", "--bootstrap-servers", stack.bootstrapServers());
        assertThat(request.exit()).as(request.err()).isZero();
        assertThat(request.out()).contains("queued on barfill.coverage-requests");
        String jobId = jobIdIn(request.out());
        ApiClient api = new ApiClient(stack.apiUrl());
        await("job " + jobId + " done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.job(jobId).map(j -> j.status() == JobStatus.DONE).orElse(false));
    }

    @Test
    void shouldRefuseAMalformedSymbolBeforeProducingIt() {
        Run request = barfill("request", "NOT VALID", "--days", "4", "--bootstrap-servers", stack.bootstrapServers());
        assertThat(request.exit()).isNotZero();
        assertThat(request.err()).contains("malformed symbol");
    }

    @Test
    void shouldMigrateANewDatabaseAndSayWhenASchemaIsBehind() throws Exception {
        try (java.sql.Connection c = stack.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE cli_migrate");
        }
        String url = stack.dataSource().getJdbcUrl().replaceAll("/[^/?]+(\\?|$)", "/cli_migrate$1");
        Run behind = barfill("migrate", "--check", "--set", "db.url=" + url);
        assertThat(behind.exit()).as(behind.out() + behind.err()).isEqualTo(1);
        assertThat(behind.out()).contains("not created yet").contains("barfill migrate");

        Run migrate = barfill("migrate", "--set", "db.url=" + url);
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).containsPattern("schema at version \\d+ \\([1-9]\\d* migration\\(s\\) applied now\\)");

        Run current = barfill("migrate", "--check", "--set", "db.url=" + url);
        assertThat(current.exit()).as(current.out() + current.err()).isZero();
        assertThat(current.out()).contains("schema up to date");
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console pages in a real headless Chromium against the embedded stack, with the provider
 * behind a {@link ProviderSwitch} so a test can fail or hold a symbol: the jobs page filters and
 * cancels, the job page shows a failed day red and "re-run failed days" turns it green, the
 * pipeline page shows lag while a fetch (or a bulk request of 30 symbols) is held and none once the
 * work is done, and replays a DLQ, after which the job of the replayed days is DONE; a retried day
 * shows "retrying (attempt N)", and a job held by a tripped provider names it. Screenshots of each page go to {@code app/target/console-*.png}.
 */
@Tag("date-sensitive")
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path SHOTS = Path.of("target");

    @TempDir
    static Path dir;
    @TempDir
    static Path browserDir;
    private static ProviderSwitch provider;
    private static EmbeddedStack stack;
    private static ApiClient api;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(WebDriver.CHROMIUM) && Files.isExecutable(WebDriver.CHROMEDRIVER),
                "SKIPPED, no browser ran: /usr/bin/chromium and /usr/bin/chromedriver are needed"
                        + " (apt-get install -y --no-install-recommends chromium chromium-driver; .ci/run does it)");
        provider = new ProviderSwitch();
        stack = EmbeddedStack.start(dir, new EmbeddedStack.Options(0, Duration.ofMillis(10), 3,
                dev.barfill.app.simulator.SimulatorFaults.none(Duration.ofMillis(10)),
                f -> f.withProviders(List.of(ProviderSettings.simulator(provider.baseUrl(),
                        FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE)))));
        provider.forwardTo(stack.simulator().baseUrl());
        api = new ApiClient(stack.apiUrl());
        browser = new WebDriver(browserDir);
        browser.resize(1400, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {browser, stack, provider}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * The job as an await polls it: a connection the API did not accept within the client's 5 s
     * (a full CI machine stalled it once) reads as "not yet", and the await polls again; what the
     * test asserts is still the job's state, read when the API answers.
     */
    private static Optional<JobProgress> polled(String jobId) throws Exception {
        try {
            return api.job(jobId);
        } catch (java.net.http.HttpConnectTimeoutException e) {
            return Optional.empty();
        }
    }

    private static String text(String script) throws Exception {
        return browser.script(script).asText();
    }

    private static String dayState(String day) throws Exception {
        return text("const d = document.querySelector('#day-grid .day[data-day=\"" + day + "\"]');"
                + " return d ? d.dataset.state : ''");
    }

    @Test
    @Order(1)
    void shouldShowAFailedDayRedAndTurnItGreenWithReRunFailedDays() throws Exception {
        RecentSessions window = RecentSessions.last(5, 1);
        // The last four days stored first, so the job of five fetches (and fails) only the first.
        RecentSessions stored = RecentSessions.last(4, 1);
        String first = api.ensureCoverage(CoverageRequest.ofRange("CNSF", "15m", stored.from(), stored.to()))
                .path("jobId").asText();
        await("the last four days stored").atMost(Duration.ofSeconds(120))
                .until(() -> polled(first).map(j -> j.status() == JobStatus.DONE).orElse(false));
        provider.fail("CNSF", 404, Integer.MAX_VALUE);
        String jobId = api.ensureCoverage(CoverageRequest.ofRange("CNSF", "15m", window.from(), window.to()))
                .path("jobId").asText();
        await("job " + jobId + " ends with one failed day").atMost(Duration.ofSeconds(120))
                .until(() -> polled(jobId).map(j -> j.status() == JobStatus.DONE_WITH_ERRORS).orElse(false));
        provider.clear("CNSF");

        browser.open(stack.apiUrl() + "/#/jobs");
        browser.type("#filter-symbol", "CNSF");
        browser.click("#filter-apply");
        String row = "document.querySelector('#jobs-table tr[data-job-id=\"" + jobId + "\"]')";
        await("the job's row on the jobs page").atMost(Duration.ofSeconds(30))
                .until(() -> text("const r = " + row + "; return r ? r.dataset.status : ''"), "DONE_WITH_ERRORS"::equals);
        assertThat(text("return document.querySelectorAll('#jobs-table tbody tr').length")).isEqualTo("2");
        browser.script("const s = document.getElementById('filter-status'); s.value = 'DONE_WITH_ERRORS';"
                + " s.dispatchEvent(new Event('change'))");
        await("only the job with errors left by the status filter").atMost(Duration.ofSeconds(30))
                .until(() -> text("return [...document.querySelectorAll('#jobs-table tbody tr')]"
                        + ".map(r => r.dataset.jobId).join(' ')"), jobId::equals);
        browser.screenshot(SHOTS.resolve("console-jobs.png"));

        browser.click("#jobs-table tr[data-job-id=\"" + jobId + "\"] a");
        await("the grid of " + jobId).atMost(Duration.ofSeconds(30))
                .until(() -> text("return document.querySelectorAll('#day-grid .day').length"),
                        n -> n.equals(String.valueOf(window.days())));
        String failed = text("return document.querySelector('#day-grid .day[data-state=\"FAILED\"]').dataset.day");
        assertThat(failed).isEqualTo(window.from().toString());
        assertThat(text("return document.querySelectorAll('#day-grid .day[data-state=\"COVERED\"]').length"))
                .isEqualTo("4");
        assertThat(text("return document.querySelectorAll('#day-grid .day[data-state=\"FAILED\"]').length")).isEqualTo("1");
        assertThat(text("return getComputedStyle(document.querySelector('#day-grid .day[data-day=\"" + failed
                + "\"]')).backgroundColor")).isEqualTo("rgb(248, 113, 113)");
        assertThat(text("return document.querySelector('#day-grid .day[data-day=\"" + failed + "\"]').title"))
                .contains("failed", "last error", "404");
        browser.script("document.querySelector('#day-grid .day[data-state=\"FAILED\"]').focus()");
        assertThat(text("return document.getElementById('day-detail').textContent"))
                .startsWith(failed + ": failed").contains("last error", "404");
        browser.screenshot(SHOTS.resolve("console-job-failed.png"));

        browser.click("#retry-btn");
        await("the failed day " + failed + " turned done").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).until(() -> dayState(failed), "DONE"::equals);
        assertThat(text("return getComputedStyle(document.querySelector('#day-grid .day[data-day=\"" + failed
                + "\"]')).backgroundColor")).isEqualTo("rgb(74, 222, 128)");
        assertThat(text("return document.getElementById('job-message').textContent")).contains("queued again");
        String rerun = text("return document.querySelector('#job-message a').textContent");
        await("the re-run job " + rerun + " done").atMost(Duration.ofSeconds(30))
                .until(() -> polled(rerun).map(j -> j.status() == JobStatus.DONE && j.totalDays() == 1).orElse(false));
        // The re-run's own job stored the day: the job it was asked from counts it done as well.
        await("the original job " + jobId + " shown DONE after the re-run").atMost(Duration.ofSeconds(30))
                .until(() -> text("return document.getElementById('page-job').dataset.status"), "DONE"::equals);
        assertThat(text("return document.getElementById('job-summary').textContent")).startsWith(jobId + " · DONE · ");
        assertThat(text("return document.getElementById('retry-btn').disabled")).isEqualTo("true");
        assertThat(api.job(jobId)).hasValueSatisfying(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.DONE);
            assertThat(j.failedDays()).isZero();
            assertThat(j.failedDates()).isEmpty();
        });
        browser.screenshot(SHOTS.resolve("console-job-rerun.png"));

        browser.open(stack.apiUrl() + "/#/");
        await("the job on the overview's live list").atMost(Duration.ofSeconds(30))
                .until(() -> text("const r = document.querySelector('#jobs .job[data-job-id=\"" + jobId + "\"]');"
                        + " return r ? r.querySelector('.label').textContent : ''"), "CNSF 15m"::equals);
        browser.screenshot(SHOTS.resolve("console-overview.png"));
    }

    @Test
    @Order(2)
    void shouldShowLagWhileAJobIsHeldAndCancelItFromTheJobsPage() throws Exception {
        // The symbol of the first test, whose chunks partition the fetcher group has committed on,
        // and days it has not stored: the held fetch keeps that partition's offset behind.
        RecentSessions window = RecentSessions.last(5, 6);
        provider.delay("CNSF", Duration.ofSeconds(30));
        String jobId = api.ensureCoverage(CoverageRequest.ofRange("CNSF", "15m", window.from(), window.to()))
                .path("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> polled(jobId).isPresent());

        browser.open(stack.apiUrl() + "/#/pipeline");
        await("the fetcher's lag on barfill.chunks above zero while the fetch is held").atMost(Duration.ofSeconds(20))
                .until(() -> text("return String([...document.querySelectorAll('#lag-table tbody tr')]"
                        + ".filter(r => r.dataset.group === 'barfill-fetcher' && r.cells[1].textContent === 'barfill.chunks')"
                        + ".reduce((n, r) => n + Number(r.dataset.lag), 0))"), n -> Long.parseLong(n) > 0);
        browser.screenshot(SHOTS.resolve("console-pipeline-busy.png"));

        browser.open(stack.apiUrl() + "/#/jobs");
        // The page may still hold the last test's status filter: only a hash changed.
        browser.script("document.getElementById('filter-status').value = ''");
        browser.type("#filter-symbol", "CNSF");
        browser.click("#filter-apply");
        String button = "#jobs-table tr[data-job-id=\"" + jobId + "\"] button.cancel";
        await("a cancel button on the running job").atMost(Duration.ofSeconds(30))
                .until(() -> text("return document.querySelector('" + button.replace("'", "\\'") + "') ? 'y' : ''"),
                        "y"::equals);
        browser.click(button);
        String row = "document.querySelector('#jobs-table tr[data-job-id=\"" + jobId + "\"]')";
        await("the job shown CANCELLED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> text("const r = " + row + "; return r ? r.dataset.status : ''"), "CANCELLED"::equals);
        assertThat(text("return " + row + ".querySelector('button.cancel') ? 'button' : 'none'")).isEqualTo("none");
        assertThat(api.job(jobId).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        browser.screenshot(SHOTS.resolve("console-jobs-cancelled.png"));
        provider.clear("CNSF");
    }

    @Test
    @Order(3)
    void shouldShowLagAndTheDeadLetterOfARefusedDayOnThePipelinePage() throws Exception {
        RecentSessions window = RecentSessions.last(3, 1);
        provider.fail("CNSD", 404, Integer.MAX_VALUE);
        String jobId = api.ensureCoverage(CoverageRequest.ofRange("CNSD", "15m", window.from(), window.to()))
                .path("jobId").asText();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> polled(jobId).map(j -> j.status() == JobStatus.DONE_WITH_ERRORS).orElse(false));

        browser.open(stack.apiUrl() + "/#/pipeline");
        await("the lag table").atMost(Duration.ofSeconds(30))
                .until(() -> text("return String(document.querySelectorAll('#lag-table tbody tr').length)"),
                        n -> Integer.parseInt(n) > 0);
        assertThat(text("return [...document.querySelectorAll('#lag-table tbody tr')].map(r => r.dataset.group).join(' ')"))
                .contains("barfill-fetcher", "barfill-sink");
        String chunksDlq = "document.querySelector('.dlq-topic[data-topic=\"barfill.chunks.dlq\"]')";
        await("the refused days in chunks.dlq").atMost(Duration.ofSeconds(30))
                .until(() -> text("const t = " + chunksDlq + "; return t ? t.dataset.records : ''"),
                        n -> !n.isEmpty() && Integer.parseInt(n) >= window.days());
        assertThat(text("return " + chunksDlq + ".textContent")).contains("CNSD:15m");
        browser.screenshot(SHOTS.resolve("console-pipeline.png"));

        provider.clear("CNSD");
        browser.click(".dlq-topic[data-topic=\"barfill.chunks.dlq\"] h3 button.replay");
        await("the replay acknowledged").atMost(Duration.ofSeconds(60))
                .until(() -> text("return document.getElementById('dlq-message').textContent"),
                        m -> m.startsWith("Replayed"));
        String query = "/v1/coverage?symbol=CNSD&timeframe=15m&from=" + window.from() + "&to=" + window.to();
        await("the replayed days stored").atMost(Duration.ofSeconds(120))
                .until(() -> get(query).path("hasCoverage").asBoolean());
        assertThat(get(query).path("counts").path("COVERED").asInt()).isEqualTo(window.days());
        await("no lag left once the work is done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> text("const rows = [...document.querySelectorAll('#lag-table tbody tr')];"
                        + " return rows.length && rows.every(r => r.dataset.lag === '0') ? 'zero' : ''"), "zero"::equals);
        browser.screenshot(SHOTS.resolve("console-pipeline-after-replay.png"));

        // The replayed days were the job's failed days: stored now, they complete it.
        await("the job of the replayed days DONE").atMost(Duration.ofSeconds(60))
                .until(() -> polled(jobId).map(j -> j.status() == JobStatus.DONE).orElse(false));
        assertThat(api.job(jobId).orElseThrow()).satisfies(j -> {
            assertThat(j.failedDays()).isZero();
            assertThat(j.failedDates()).isEmpty();
            assertThat(j.doneDays()).isEqualTo(window.days());
        });
        browser.open(stack.apiUrl() + "/#/jobs");
        browser.script("document.getElementById('filter-status').value = ''");
        browser.type("#filter-symbol", "CNSD");
        browser.click("#filter-apply");
        String pill = "document.querySelector('#jobs-table tr[data-job-id=\"" + jobId + "\"] .status')";
        await("the job's row shown DONE").atMost(Duration.ofSeconds(30))
                .until(() -> text("const p = " + pill + "; return p ? p.textContent : ''"), "DONE"::equals);
        assertThat(text("return getComputedStyle(" + pill + ").backgroundColor")).isEqualTo("rgb(220, 252, 231)");
        browser.open(stack.apiUrl() + "/#/jobs/" + jobId);
        await("every day of the replayed job green").atMost(Duration.ofSeconds(30))
                .until(() -> text("return [...document.querySelectorAll('#day-grid .day')]"
                        + ".map(d => getComputedStyle(d).backgroundColor === 'rgb(74, 222, 128)' ? 'g' : 'x').join('')"),
                        "g".repeat(window.days())::equals);
        assertThat(text("return document.getElementById('page-job').dataset.status")).isEqualTo("DONE");
        assertThat(text("return document.getElementById('job-summary').textContent")).contains("DONE");
        assertThat(text("return document.getElementById('day-detail').textContent")).as("no other job's day")
                .isEqualTo("Hover or focus a day for its details.");
        browser.screenshot(SHOTS.resolve("console-job-after-replay.png"));
    }

    @Test
    @Order(5)
    void shouldShowARetryingDayWithItsAttemptAndReasonUntilItIsWritten() throws Exception {
        RecentSessions window = RecentSessions.last(1, 1);
        // Two 503s: the day waits for attempt 3 in the second retry tier (30 s), long enough to be seen.
        provider.fail("CNSR", 503, 2);
        String jobId = api.ensureCoverage(CoverageRequest.ofRange("CNSR", "15m", window.from(), window.to()))
                .path("jobId").asText();
        browser.open(stack.apiUrl() + "/#/jobs/" + jobId);
        String tile = "document.querySelector('#day-grid .day[data-state=\"RETRYING\"]')";
        await("a day shown retrying for attempt 3").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> text("const t = " + tile + "; return t ? t.querySelector('.s').textContent : ''"),
                        "retrying (attempt 3)"::equals);
        String day = text("return " + tile + ".dataset.day");
        assertThat(text("return " + tile + ".title")).startsWith(day + ": retrying (attempt 3)").contains("503");
        assertThat(text("return " + tile + ".getAttribute('aria-label')")).isEqualTo(text("return " + tile + ".title"));
        browser.script(tile + ".focus()");
        assertThat(text("return document.getElementById('day-detail').textContent"))
                .startsWith(day + ": retrying (attempt 3)").contains("why:", "503");
        assertThat(text("return [...document.querySelectorAll('#legend li')].map(l => l.textContent).join(',')"))
                .contains("retrying");
        assertThat(api.job(jobId).orElseThrow()).satisfies(j -> {
            assertThat(j.retrying()).singleElement().satisfies(r -> {
                assertThat(r.day()).hasToString(day);
                assertThat(r.attempt()).isEqualTo(3);
            });
            assertThat(j.doneDays() + j.failedDays()).as("a retrying day settles nothing").isZero();
            assertThat(j.pendingDays()).hasToString("[" + day + "]");
        });
        browser.screenshot(SHOTS.resolve("console-job-retrying.png"));

        await("the retried days written").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> polled(jobId).map(j -> j.status() == JobStatus.DONE).orElse(false));
        assertThat(api.job(jobId).orElseThrow().retrying()).isEmpty();
        await("no retrying tile left").atMost(Duration.ofSeconds(30))
                .until(() -> text("return String(document.querySelectorAll('#day-grid .day[data-state=\"RETRYING\"]').length)"),
                        "0"::equals);
        assertThat(dayState(day)).isEqualTo("DONE");
    }

    @Test
    @Order(6)
    void shouldShowLagWhileABulkRequestIsHeldAndNoneOnceEveryJobIsDone() throws Exception {
        RecentSessions window = RecentSessions.last(3, 1);
        List<String> symbols = java.util.stream.IntStream.range(0, 30).mapToObj(i -> String.format("BULK%02d", i))
                .toList();
        // Each request answered after 5 s, eight at a time: the fetcher's batches are held some 20 s.
        symbols.forEach(s -> provider.delay(s, Duration.ofSeconds(5)));
        JsonNode answer = api.ensureCoverage(new dev.barfill.api.BulkCoverageRequest(symbols, "15m", window.from(),
                window.to(), null, null, "console-test"));
        List<String> jobs = new java.util.ArrayList<>();
        answer.path("results").forEach(r -> jobs.add(r.path("answer").path("jobId").asText()));
        assertThat(jobs).hasSize(symbols.size()).allSatisfy(j -> assertThat(j).isNotEmpty());

        browser.open(stack.apiUrl() + "/#/pipeline");
        // Behind somewhere while the request is worked through: the planner's requests, the fetcher's chunks.
        await("lag above zero while the bulk request is held").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> text("return String([...document.querySelectorAll('#lag-table tbody tr')]"
                        + ".filter(r => r.dataset.group === 'barfill-planner' || r.dataset.group === 'barfill-fetcher')"
                        + ".reduce((n, r) => n + Number(r.dataset.lag), 0))"), n -> Long.parseLong(n) > 0);
        assertThat(jobs.stream().filter(j -> {
            try {
                return api.job(j).map(p -> p.status() == JobStatus.DONE).orElse(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count()).as("jobs still held while the lag shows").isLessThan(jobs.size());
        assertThat(text("return document.getElementById('lag-totals').textContent")).contains("barfill-fetcher");
        browser.screenshot(SHOTS.resolve("console-pipeline-bulk-busy.png"));

        symbols.forEach(provider::clear);
        await("every job of the bulk request done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (String j : jobs) {
                        if (!polled(j).map(p -> p.status() == JobStatus.DONE).orElse(false)) {
                            return false;
                        }
                    }
                    return true;
                });
        await("no lag left once the bulk request is done").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> text("const rows = [...document.querySelectorAll('#lag-table tbody tr')];"
                        + " return rows.length && rows.every(r => r.dataset.lag === '0') ? 'zero' : ''"), "zero"::equals);
        assertThat(text("return [...document.querySelectorAll('#lag-table tbody tr')].map(r => r.dataset.group).join(' ')"))
                .contains("barfill-fetcher", "barfill-sink");
        browser.screenshot(SHOTS.resolve("console-pipeline-bulk-done.png"));
    }

    /** Last: the tripped provider serves no symbol for its cool-down (10 min), which would hold any later test. */
    @Test
    @Order(7)
    void shouldNameTheTrippedProviderOnTheJobPageOfADayItHolds() throws Exception {
        RecentSessions window = RecentSessions.last(1, 1);
        List<String> symbols = List.of("TRIPA", "TRIPB", "TRIPC", "TRIPD", "TRIPE", "TRIPF");
        // Every request answered 429: five in a row trip the provider's circuit breaker (the default).
        symbols.forEach(s -> provider.fail(s, 429, Integer.MAX_VALUE));
        List<String> jobs = new java.util.ArrayList<>();
        for (String symbol : symbols) {
            jobs.add(api.ensureCoverage(CoverageRequest.ofRange(symbol, "15m", window.from(), window.to()))
                    .path("jobId").asText());
        }
        await("a job held by the tripped provider").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (String j : jobs) {
                        if (polled(j).map(p -> p.trippedProviders().contains("yahoo")).orElse(false)) {
                            return true;
                        }
                    }
                    return false;
                });
        String held = null;
        for (String j : jobs) {
            if (api.job(j).orElseThrow().trippedProviders().contains("yahoo")) {
                held = j;
            }
        }
        JobProgress job = api.job(held).orElseThrow();
        assertThat(job.retrying()).singleElement().satisfies(r -> {
            assertThat(r.tripped()).isEqualTo("yahoo");
            assertThat(r.reason()).contains("yahoo tripped until");
        });
        assertThat(job.status().finished()).isFalse();

        // The overview first, where the six held jobs are live: their event streams must neither
        // outlive the overview nor take every connection the browser has for the API, or the job
        // page's requests wait behind them until a job ends.
        browser.open(stack.apiUrl() + "/#/");
        await("the six held jobs on the overview").atMost(Duration.ofSeconds(30))
                .until(() -> text("return [...document.querySelectorAll('#jobs .job')]"
                        + ".filter(r => r.querySelector('.label').textContent.startsWith('TRIP')"
                        + " && !['DONE', 'DONE_WITH_ERRORS', 'CANCELLED'].includes(r.dataset.status)).length"), "6"::equals);
        browser.open(stack.apiUrl() + "/#/jobs/" + held);
        await("the tripped provider named on the job page").atMost(Duration.ofSeconds(30))
                .until(() -> text("const t = document.getElementById('job-tripped');"
                        + " return t.hidden ? '' : t.textContent"), t -> t.contains("yahoo"));
        assertThat(text("return document.getElementById('job-tripped').getAttribute('role')")).isEqualTo("status");
        String tile = "document.querySelector('#day-grid .day[data-state=\"RETRYING\"]')";
        assertThat(text("return " + tile + ".title")).startsWith(window.from() + ": retrying").contains("tripped");
        browser.screenshot(SHOTS.resolve("console-job-tripped.png"));
        symbols.forEach(provider::clear);
    }

    /**
     * The README's curl lines for the console routes, as written but for the address of this stack
     * and the job id of a real job; each answers the JSON its comment promises.
     */
    @Test
    @Order(4)
    void shouldAnswerTheReadmesConsoleCurlLines() throws Exception {
        RecentSessions window = RecentSessions.last(3, 1);
        provider.fail("AAPL", 404, Integer.MAX_VALUE);
        String jobId = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", window.from(), window.to()))
                .path("jobId").asText();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> polled(jobId).map(j -> j.status() == JobStatus.DONE_WITH_ERRORS).orElse(false));
        provider.clear("AAPL");
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/v1/coverage?", "\"days\"");
        expected.put("/days ", "\"FAILED\"");
        expected.put("/retry ", "\"retryOf\"");
        expected.put("/v1/pipeline/lag", "\"partitions\"");
        expected.put("/v1/pipeline/dlq ", "\"replaysTo\"");
        expected.put("/replay ", "\"replayedTo\"");
        expected.put("offset=25", "[");
        List<String> lines = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("curl ") && expected.keySet().stream().anyMatch(l::contains)).toList();
        assertThat(lines).hasSize(expected.size());
        String address = stack.apiUrl().replace("http://", "");
        for (String line : lines) {
            String command = line.replace("localhost:8080", address).replace("AAPL-15m-3f2a9c01b7de", jobId);
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(line).isZero();
            String promised = expected.entrySet().stream().filter(e -> line.contains(e.getKey())).findFirst()
                    .orElseThrow().getValue();
            assertThat(out).as(line).contains(promised);
            JsonNode answer = dev.barfill.core.Json.mapper().readTree(out);
            assertThat(answer.has("error") && answer.has("message")).as(line + " answered " + out).isFalse();
        }
    }

    private static JsonNode get(String path) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.apiUrl() + path)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return dev.barfill.core.Json.mapper().readTree(r.body());
    }
}

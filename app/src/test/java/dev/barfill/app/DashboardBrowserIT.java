package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium against the real embedded stack: the page loads,
 * a backfill is started from its form, and the job's progress bar, fed by server-sent events,
 * reaches 100%. Skips (with the reason) where Debian's chromium and chromium-driver are absent;
 * {@code .ci/run} installs them.
 */
@Tag("date-sensitive")
@Timeout(360)
class DashboardBrowserIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path browserDir;

    @Test
    void shouldShowABackfillStartedFromTheFormReachOneHundredPercent() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(WebDriver.CHROMIUM) && Files.isExecutable(WebDriver.CHROMEDRIVER),
                "SKIPPED, no browser ran: /usr/bin/chromium and /usr/bin/chromedriver are needed"
                        + " (apt-get install -y --no-install-recommends chromium chromium-driver; .ci/run does it)");
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, Duration.ofMillis(20), 3));
             WebDriver browser = new WebDriver(browserDir)) {
            browser.open(stack.apiUrl() + "/");
            assertThat(browser.script("return document.title").asText()).isEqualTo("barfill");

            browser.type("#symbol", "MSFT");
            browser.type("#days", "10");
            browser.click("#request-btn");

            String jobId = await("the job id shown after the request").atMost(Duration.ofSeconds(60))
                    .until(() -> browser.script("return document.getElementById('last-answer').dataset.jobId || ''")
                            .asText(), id -> !id.isEmpty());
            String row = "document.querySelector('.job[data-job-id=\"" + jobId + "\"]')";
            await("the progress bar of " + jobId + " at 100%").atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> browser.script("const r = " + row + "; return r ? r.dataset.progress : ''").asText(),
                            "100"::equals);

            assertThat(browser.script("return " + row + ".querySelector('.fill').style.width").asText()).isEqualTo("100%");
            assertThat(browser.script("return " + row + ".dataset.status").asText()).isEqualTo("DONE");
            JobProgress job = new ApiClient(stack.apiUrl()).job(jobId).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.DONE);
            assertThat(job.totalDays()).isEqualTo(10);

            // A long client id and metric name stay within the lag card: wrapped, or scrolled inside
            // it through a focusable, named region. Filled and measured in one script, before a poll redraws.
            String lag = browser.script("fillTable('lag', [['consumer-barfill-fetcher-" + "x".repeat(60) + "',"
                    + " 'kafka_consumer_fetch_manager_records_lag_max_" + "y".repeat(60) + "', 12]], '');"
                    + " const t = document.getElementById('lag'); const card = t.closest('.card');"
                    + " const region = t.closest('.table-scroll');"
                    + " const within = t.getBoundingClientRect().right <= card.getBoundingClientRect().right + 0.5"
                    + "   && card.getBoundingClientRect().right <= document.documentElement.clientWidth;"
                    + " const wrapped = region.scrollWidth <= region.clientWidth + 1;"
                    + " return [within, wrapped, region.tabIndex, region.getAttribute('role'),"
                    + "   document.getElementById(region.getAttribute('aria-labelledby')).textContent].join('|')").asText();
            assertThat(lag).isEqualTo("true|true|0|region|Consumer lag (from /metrics)");
        }
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.fetcher.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against a simulator that allows 120 requests a minute (12 at once) and answers 429
 * beyond: configured for 60 a minute, the fetcher never gets a 429; and a 30-day job costs one
 * request.
 */
@Tag("date-sensitive")
@Timeout(300)
class FetcherRateLimitIT {
    // The latest closed session at the process clock: every window stays inside the history limits.
    private static final LocalDate LAST = RecentSessions.last(1).to();
    private static final ExchangeCalendar XNYS = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"));

    @TempDir
    static Path dataDir;
    private static EmbeddedStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        Duration latency = Duration.ofMillis(20);
        stack = EmbeddedStack.start(dataDir, new EmbeddedStack.Options(0, latency, 3,
                SimulatorFaults.none(latency).withRateLimit(120),
                f -> f.withProviders(List.of(ProviderSettings.simulator(f.providers().get(0).baseUrl(), 60)))));
        api = new ApiClient(stack.apiUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void awaitDone(List<String> jobs) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String id : jobs) {
                assertThat(api.job(id)).hasValueSatisfying(job -> assertThat(job.status()).isEqualTo(JobStatus.DONE));
            }
        });
    }

    @Test
    void shouldReachTheProviderOnceForAThirtyDayFifteenMinuteJob() throws Exception {
        long before = stack.simulator().requests();
        JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("ONCE", "15m",
                XNYS.startOfLastTradingDays(LAST, 30), LAST));
        assertThat(answer.path("tradingDays").asInt()).isEqualTo(30);
        awaitDone(List.of(answer.path("jobId").asText()));
        long requests = stack.simulator().requests() - before;
        System.out.printf("30-day 15m job: %d provider request(s)%n", requests);
        assertThat(requests).isEqualTo(1);
    }

    @Test
    void shouldCauseNoRateLimitAnswersWhenConfiguredBelowTheProvidersLimit() throws Exception {
        long before = stack.simulator().requests();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // One day per symbol: 24 requests at once, twice what the simulator takes in a burst.
            JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("RL" + (char) ('A' + i), "15m", LAST, LAST));
            jobs.add(answer.path("jobId").asText());
        }
        awaitDone(jobs);
        System.out.printf("24 one-day jobs at 60/min against a 120/min limit: %d requests, %d answered 429%n",
                stack.simulator().requests() - before, stack.simulator().rateLimited());
        assertThat(stack.simulator().requests() - before).isEqualTo(24);
        assertThat(stack.simulator().rateLimited()).isZero();
    }
}

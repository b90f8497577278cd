package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.embedded.Ports;
import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.app.simulator.RealisticTraits;
import dev.barfill.app.simulator.SimulatorProfile;
import dev.barfill.core.Bar;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import dev.barfill.core.config.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code barfill run} as a real child process, SIGKILLed in the middle of a bulk backfill and
 * started again on the same data directory: the orphaned PostgreSQL and the unclean Kafka log are
 * recovered, and every job finishes with exact progress and no duplicate rows. Under each simulator
 * profile: the realistic one's thin days and null rows leave bars out, and what is stored is exactly
 * what it served.
 */
@Tag("date-sensitive")
@Timeout(600)
class CrashResumeIT {
    private static final int SYMBOLS = 30;
    private static final int LOG_TAIL = 300;
    // Ten closed sessions before the process clock's now: within every history limit on any day.
    private static final RecentSessions WINDOW = RecentSessions.last(10);
    private static final LocalDate FROM = WINDOW.from();
    private static final LocalDate TO = WINDOW.to();
    private static final int DAYS = WINDOW.days();
    private static final int BARS = WINDOW.bars(Timeframe.M15);

    @TempDir
    Path dir;

    private static String symbol(int i) {
        return String.format("K%02d", i);
    }

    /** The bars each symbol should end with: full days from the kind simulator, what was served from the realistic one. */
    private static List<List<Bar>> expected(SimulatorProfile profile) {
        RealisticMarket served = new RealisticMarket(CalendarRegistry.defaults(), RealisticTraits.defaults());
        return IntStream.range(0, SYMBOLS).mapToObj(i -> profile == SimulatorProfile.KIND ? null
                : StoredBars.served(served, symbol(i), Timeframe.M15, WINDOW.sessions())).toList();
    }

    /** Days stored complete: all of them from the kind simulator, those served in full from the realistic one. */
    private static long completeDays(SimulatorProfile profile) {
        if (profile == SimulatorProfile.KIND) {
            return (long) SYMBOLS * DAYS;
        }
        RealisticMarket served = new RealisticMarket(CalendarRegistry.defaults(), RealisticTraits.defaults());
        return IntStream.range(0, SYMBOLS).mapToLong(i -> WINDOW.sessions().stream()
                .filter(s -> served.keptBars(dev.barfill.core.Symbol.parse(symbol(i)), Timeframe.M15.length(), s.day())
                        .size() == s.expectedBars(Timeframe.M15)).count()).sum();
    }

    @ParameterizedTest
    @EnumSource(SimulatorProfile.class)
    void shouldFinishEveryJobExactlyAfterASigkillMidBackfillAndARestartOnTheSameDataDir(SimulatorProfile profile)
            throws Exception {
        try {
            crashAndResume(profile);
        } catch (Throwable e) {
            // The children's logs live next to the data dir, which JUnit deletes: their tails are all that is left.
            for (String log : List.of("first.log", "second.log")) {
                keep(dir.resolve(log), profile + "-" + log);
            }
            throw e;
        }
    }

    /** Prints the log's tail and keeps the whole of it in target/crash-resume-logs. */
    private static void keep(Path log, String name) {
        try {
            Path kept = Files.createDirectories(Path.of("target", "crash-resume-logs")).resolve(name);
            Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.err.println("----- " + log + " kept as " + kept.toAbsolutePath() + " -----");
        } catch (java.io.IOException e) {
            System.err.println("----- could not keep " + log + ": " + e + " -----");
        }
        printTail(log);
    }

    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            System.err.printf("----- last %d of %d lines of %s -----%n", Math.min(lines.size(), LOG_TAIL), lines.size(),
                    log);
            lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()).forEach(System.err::println);
        } catch (java.io.IOException e) {
            System.err.println("----- no " + log + ": " + e + " -----");
        }
    }

    private void crashAndResume(SimulatorProfile profile) throws Exception {
        List<List<Bar>> expected = expected(profile);
        Path data = dir.resolve("data");
        int port = Ports.free();
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        List<String> jobIds = new ArrayList<>();
        long storedAtKill;
        long orphanPid;
        try (ChildJvm first = start(data, port, "first.log", profile)) {
            awaitApi(api, first);
            // Connected before the requests go in: watching starts with the backfill, so the kill lands mid-run.
            try (HikariDataSource db = database(data)) {
                Sql.count(db, "SELECT count(*) FROM bar_coverage");
                for (int i = 0; i < SYMBOLS; i++) {
                    JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange(symbol(i), "15m", FROM, TO));
                    assertThat(answer.path("hasCoverage").asBoolean()).isFalse();
                    jobIds.add(answer.path("jobId").asText());
                }
                await("some days stored").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> Sql.count(db, "SELECT count(*) FROM bar_coverage") >= SYMBOLS * DAYS / 10);
                first.kill();
                storedAtKill = Sql.count(db, "SELECT count(*) FROM bar_coverage");
            }
            assertThat(storedAtKill).as("killed mid-run").isLessThan(SYMBOLS * DAYS);
            orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
            assertThat(ProcessHandle.of(orphanPid)).as("PostgreSQL outlives the killed JVM")
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        }

        try (ChildJvm second = start(data, port, "second.log", profile)) {
            awaitApi(api, second);
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive))
                    .as("the orphaned PostgreSQL was stopped before the new one started").isEmpty();
            await("every job done").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .failFast("barfill died", () -> !second.isAlive())
                    .untilAsserted(() -> {
                        for (String id : jobIds) {
                            assertThat(api.job(id)).as(id).hasValueSatisfying(j ->
                                    assertThat(j.status()).isEqualTo(JobStatus.DONE));
                        }
                    });
            long bars = 0;
            for (int i = 0; i < SYMBOLS; i++) {
                String id = jobIds.get(i);
                long symbolBars = expected.get(i) == null ? BARS : expected.get(i).size();
                bars += symbolBars;
                JobProgress job = api.job(id).orElseThrow();
                assertThat(job.progress()).as(id).isEqualTo(100);
                assertThat(job.doneDays()).as(id).isEqualTo(DAYS);
                assertThat(job.failedDays()).as(id).isZero();
                assertThat(job.barsWritten()).as(id).isEqualTo(symbolBars);
            }
            try (HikariDataSource db = database(data)) {
                assertThat(Sql.count(db, "SELECT count(*) FROM ohlc_bars")).isEqualTo(bars);
                assertThat(Sql.count(db, "SELECT count(*) FROM (SELECT DISTINCT symbol, timeframe, ts FROM ohlc_bars) d"))
                        .isEqualTo(bars);
                assertThat(Sql.count(db, "SELECT count(*) FROM bar_coverage WHERE complete")).isEqualTo(completeDays(profile));
                for (int i = 0; i < SYMBOLS && profile == SimulatorProfile.REALISTIC; i++) {
                    assertThat(StoredBars.stored(db, symbol(i), Timeframe.M15)).as(symbol(i))
                            .containsExactlyElementsOf(expected.get(i));
                }
            }
            if (profile == SimulatorProfile.REALISTIC) {
                assertThat(bars).as("thin days and null rows left bars out").isLessThan((long) SYMBOLS * BARS);
            }
            System.out.printf("crash-resume (%s): killed with %d of %d days stored; resumed and finished%n", profile,
                    storedAtKill, SYMBOLS * DAYS);
        }
    }

    private static ChildJvm start(Path data, int port, String log, SimulatorProfile profile) throws Exception {
        // Slow provider answers keep the backfill running long enough to be killed in the middle.
        return ChildJvm.start(data.getParent().resolve(log), "run", "--data-dir", data.toString(),
                "--port", Integer.toString(port), "--simulator-latency-ms", "300", "--partitions", "3",
                "--simulator-profile", profile.toString());
    }

    private static void awaitApi(ApiClient api, ChildJvm child) {
        await("the API answers").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .failFast("barfill died: see its log", () -> !child.isAlive())
                .ignoreExceptions()
                .until(() -> api.job("NONE-15m-000000000000").equals(Optional.empty()));
    }

    private static HikariDataSource database(Path data) {
        int pgPort = new Ports(data).get("postgres");
        return Database.pool(new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "",
                2), "crash-resume-test");
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Timeframe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barfill run --db-url ... --bootstrap-servers ...} as its own process against a PostgreSQL
 * server and a Kafka broker that are each a process of their own, started apart (the zonky binaries
 * through pg_ctl, with password authentication; {@code kafka.Kafka server.properties}): barfill
 * embeds neither, fills 30 closed sessions of 15m bars into schema {@code barfill}, and leaves the
 * user's {@code public.ohlc_bars} (another shape, with rows) and {@code public.backfill_jobs} as they were.
 */
@Tag("date-sensitive")
@Timeout(600)
class OwnInfrastructureIT {
    private static final RecentSessions WINDOW = RecentSessions.last(30);
    private static final String PASSWORD = "tr4der-s3cret";

    @TempDir
    Path dir;

    @Test
    void shouldFillAWindowIntoSchemaBarfillOfTheUsersDatabaseAndClusterAndLeaveTheirOwnTablesAlone() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("their-postgres"))
                .setCleanDataDirectory(true).start();
             StandaloneBroker kafka = StandaloneBroker.start(dir.resolve("their-kafka"))) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/market";
            usersDatabase(postgres, url);
            DataSource market = postgres.getDatabase("postgres", "market");
            String before = Sql.text(market, "SELECT string_agg(id || ticker || px || at, ',' ORDER BY id) FROM public.ohlc_bars");
            Path passwordFile = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
            Path data = dir.resolve("data");
            int port = Ports.free();

            try (ChildJvm barfill = ChildJvm.start(dir.resolve("barfill.log"), "run", "--db-url", url,
                    "--db-user", "trader", "--db-password-file", passwordFile.toString(),
                    "--bootstrap-servers", kafka.bootstrapServers(), "--port", Integer.toString(port),
                    "--data-dir", data.toString(), "--partitions", "3")) {
                ApiClient api = new ApiClient("http://127.0.0.1:" + port);
                await("the API answers").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                        .failFast("barfill died: see its log", () -> !barfill.isAlive())
                        .ignoreExceptions()
                        .until(() -> api.job("NONE-15m-000000000000").equals(Optional.empty()));
                assertThat(barfill.output()).contains("PostgreSQL " + url + " (schema barfill)")
                        .contains("Kafka " + kafka.bootstrapServers());

                JsonNode answer = api.ensureCoverage(CoverageRequest.ofRange("AAPL", "15m", WINDOW.from(), WINDOW.to()));
                assertThat(answer.path("hasCoverage").asBoolean()).isFalse();
                String jobId = answer.path("jobId").asText();
                await("the job is done").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .failFast("barfill died: see its log", () -> !barfill.isAlive())
                        .untilAsserted(() -> assertThat(api.job(jobId)).hasValueSatisfying(j ->
                                assertThat(j.status()).isEqualTo(JobStatus.DONE)));
                JobProgress job = api.job(jobId).orElseThrow();
                assertThat(job.doneDays()).isEqualTo(WINDOW.days()).isEqualTo(30);
                assertThat(job.barsWritten()).isEqualTo(WINDOW.bars(Timeframe.M15));

                long bars = WINDOW.bars(Timeframe.M15);
                assertThat(Sql.count(market, "SELECT count(*) FROM barfill.ohlc_bars WHERE symbol = 'AAPL'"
                        + " AND timeframe = '15m'")).isEqualTo(bars);
                assertThat(Sql.count(market, "SELECT count(*) FROM barfill.bar_coverage")).isEqualTo(30);
                assertThat(Sql.count(market, "SELECT count(*) FROM barfill.flyway_schema_history WHERE success"))
                        .isPositive();
                System.out.printf("own-infrastructure: %d bars of %d sessions in barfill.ohlc_bars of %s"
                        + " (PostgreSQL postmaster pid %s), broker pid %d at %s%n", bars, WINDOW.days(), url,
                        Files.readAllLines(dir.resolve("their-postgres/postmaster.pid")).get(0), kafka.pid(),
                        kafka.bootstrapServers());
                await("the job mirrored into barfill.backfill_jobs").atMost(Duration.ofSeconds(30))
                        .until(() -> Sql.count(market, "SELECT count(*) FROM barfill.backfill_jobs"
                                + " WHERE job_id = '" + jobId + "' AND status = 'DONE'") == 1);
            }

            assertThat(Sql.text(market, "SELECT string_agg(id || ticker || px || at, ',' ORDER BY id) FROM public.ohlc_bars"))
                    .as("the user's rows").isEqualTo(before);
            assertThat(Sql.text(market, "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position)"
                    + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'ohlc_bars'"))
                    .as("the user's shape").isEqualTo("id:integer,ticker:text,px:numeric,at:date");
            assertThat(Sql.count(market, "SELECT count(*) FROM public.backfill_jobs")).isEqualTo(1);
            assertThat(Sql.text(market, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
                    + " WHERE schemaname = 'public'")).as("nothing of barfill's in public").isEqualTo("backfill_jobs,ohlc_bars");
            assertThat(data.resolve("postgres")).as("no PostgreSQL embedded").doesNotExist();
            assertThat(data.resolve("kafka")).as("no Kafka embedded").doesNotExist();
        }
    }

    /**
     * A database {@code market} owned by {@code trader}, who logs in over TCP with a password only,
     * holding tables of the user's own named like barfill's.
     */
    private static void usersDatabase(EmbeddedPostgres postgres, String url) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE trader LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE market OWNER trader");
            var rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Files.writeString(Path.of(rs.getString(1)), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "trader", "wrong").close())
                .as("passwords are checked").isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(url, "trader", PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.ohlc_bars (id serial PRIMARY KEY, ticker text, px numeric, at date)");
            s.execute("INSERT INTO public.ohlc_bars (ticker, px, at) VALUES ('AAPL', 189.5, '2024-01-02'),"
                    + " ('MSFT', 370.1, '2024-01-02'), ('AAPL', 190.25, '2024-01-03')");
            s.execute("CREATE TABLE public.backfill_jobs (name text)");
            s.execute("INSERT INTO public.backfill_jobs VALUES ('the user''s own nightly job')");
        }
    }
}

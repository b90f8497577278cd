package dev.barfill.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.DayBars;
import dev.barfill.sink.BarWriter;
import dev.barfill.store.Migrations;
import dev.barfill.sink.SinkConfig;
import dev.barfill.sink.write.BinaryCopyEncoder;
import dev.barfill.sink.write.CopyUpsert;
import dev.barfill.sink.write.WriteMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One million 1m bars (by default) into {@code ohlc_bars} on an embedded PostgreSQL, three ways
 * in one run: a raw binary {@code COPY} straight into the table (the physical limit), the sink's
 * default write path ({@link WriteMode#COPY}) and its multi-row upsert path, each in the batches
 * the sink forms. Every round starts from an empty table; the median of the rounds is reported.
 *
 * <p>Arguments: {@code [--bars N] [--rounds N] [--report FILE]}; the report is Markdown.
 */
public final class SinkBench {
    static final String COMMAND = "./mvnw -q -pl bench -am package -DskipTests"
            + " && java -cp \"bench/target/classes:bench/target/lib/*\" dev.barfill.bench.SinkBench --report docs/BENCHMARKS.md";

    private SinkBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int bars = Integer.parseInt(opts.getOrDefault("--bars", "1000000"));
        int rounds = Integer.parseInt(opts.getOrDefault("--rounds", "3"));
        Path pgDir = Files.createTempDirectory("sinkbench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on").setPGStartupWait(Duration.ofSeconds(60)).start();
             HikariDataSource pool = pool(pg.getPort())) {
            Migrations.migrate(pool);
            List<DayBars> days = BenchBars.days(bars, 10);
            List<List<DayBars>> batches = BenchBars.batches(days, SinkConfig.DEFAULT_MAX_BATCH_ROWS);
            System.out.printf("%d bars in %d days, %d sink batches of up to %d bars, %d rounds%n",
                    bars, days.size(), batches.size(), SinkConfig.DEFAULT_MAX_BATCH_ROWS, rounds);
            warmUp(pool, days);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                measure(rates, "raw COPY", pool, bars, () -> rawCopy(pool, days));
                measure(rates, "sink, COPY + upsert (default)", pool, bars, () -> sink(pool, WriteMode.COPY, batches));
                measure(rates, "sink, multi-row upsert", pool, bars, () -> sink(pool, WriteMode.MULTI_ROW, batches));
                measure(rates, "sink, COPY path, replay of stored days", pool, bars,
                        () -> sink(pool, WriteMode.COPY, batches), () -> sink(pool, WriteMode.COPY, batches));
            }
            String report = report(bars, days.size(), batches.size(), rounds, rates);
            System.out.println(report);
            if (opts.containsKey("--report")) {
                ReportFile.replaceSection(Path.of(opts.get("--report")), "sink", report);
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void measure(Map<String, List<Double>> rates, String name, HikariDataSource pool, int bars, Run run)
            throws Exception {
        measure(rates, name, pool, bars, () -> { }, run);
    }

    /** Times {@code run} on a table emptied and then filled by {@code before}. */
    private static void measure(Map<String, List<Double>> rates, String name, HikariDataSource pool, int bars,
                                Run before, Run run) throws Exception {
        empty(pool);
        before.run();
        long t0 = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (count(pool) != bars) {
            throw new IllegalStateException(name + " left " + count(pool) + " rows, expected " + bars);
        }
        double rate = bars / seconds;
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
        System.out.printf("  %-32s %10.0f bars/s (%.2f s)%n", name, rate, seconds);
    }

    private static void warmUp(HikariDataSource pool, List<DayBars> days) throws Exception {
        List<DayBars> some = days.subList(0, Math.min(days.size(), 200));
        for (WriteMode mode : WriteMode.values()) {
            empty(pool);
            new BarWriter(pool, mode).write(some);
        }
        empty(pool);
        rawCopy(pool, some);
    }

    static void rawCopy(HikariDataSource pool, List<DayBars> days) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            CopyUpsert.copy(c, "COPY ohlc_bars " + BinaryCopyEncoder.COLUMNS + " FROM STDIN (FORMAT binary)", days);
            c.commit();
        }
    }

    static void sink(HikariDataSource pool, WriteMode mode, List<List<DayBars>> batches) throws SQLException {
        BarWriter writer = new BarWriter(pool, mode);
        for (List<DayBars> batch : batches) {
            writer.write(batch);
        }
    }

    private static void empty(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ohlc_bars, bar_coverage");
            s.execute("CHECKPOINT");
        }
    }

    private static long count(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ohlc_bars")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The production pool's settings ({@code app/.../Database}): multi-row rewrite on, server-side prepares. */
    private static HikariDataSource pool(int port) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        c.setUsername("postgres");
        c.setMaximumPoolSize(2);
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("prepareThreshold", "1");
        return new HikariDataSource(c);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String report(int bars, int days, int batches, int rounds, Map<String, List<Double>> rates)
            throws IOException {
        double raw = median(rates.get("raw COPY"));
        StringBuilder md = new StringBuilder();
        md.append("## Sink write path vs raw COPY\n\n")
                .append("Written by `dev.barfill.bench.SinkBench` on ").append(Instant.now()).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", embedded PostgreSQL 17, synchronous_commit on).\n\n")
                .append(String.format("%,d 1m bars in %,d days of up to 390 bars; the sink writes them in %d transactions"
                        + " of about %,d bars; raw COPY sends them in one. Median of %d rounds, each on an empty table but the replay"
                        + " (every day written again over itself, all through the upsert).%n%n",
                        bars, days, batches, SinkConfig.DEFAULT_MAX_BATCH_ROWS, rounds))
                .append("| path | bars/s (median) | rounds | ratio to raw COPY |\n| --- | ---: | --- | ---: |\n");
        rates.forEach((name, list) -> md.append(String.format("| %s | %,.0f | %s | %.2f |%n", name, median(list),
                list.stream().map(r -> String.format("%,.0f", r)).toList(), median(list) / raw)));
        md.append("\nHow to read it: the sink's default path copies the days that have no `bar_coverage` row yet (a")
                .append(" backfill's usual case) straight into `ohlc_bars` with the same binary COPY as the raw run, only")
                .append(" in smaller transactions, so a ratio near 1 is what it should show. Days already stored go")
                .append(" through a temp table and `INSERT ... SELECT ... ON CONFLICT DO UPDATE`: the replay row measures")
                .append(" that half alone. The multi-row row is the other write path (`sink.write-mode=multi-row`),")
                .append(" pgjdbc `reWriteBatchedInserts=true`. This machine is shared, so rounds vary; compare within a round.\n");
        md.append("\nCommand, from the repository root:\n\n```\n").append(COMMAND).append("\n```\n");
        return md.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }
}

package dev.barfill.bench;

import dev.barfill.core.time.Clocks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import jdk.jfr.Recording;

/**
 * planner: the planner topology alone, 500 jobs x 21 sessions of 15m = 10,500 chunks, then one
 * WRITTEN event per chunk until every job is at 100%. Once on a TopologyTestDriver (the
 * topology's own CPU) and once as the production service on an in-process broker with
 * exactly-once and one stream thread. Coverage lookups answer at once, so PostgreSQL plays no
 * part. Each is measured {@value #ROUNDS} times, on other series each round, after a warm-up
 * round as large, on other jobs; the figures are the medians. With the system property
 * {@value #JFR_PROPERTY} set to a file, the broker's measured rounds are recorded there with JFR,
 * the driver's beside it ({@link #driverFile}), and the planner thread's samples are summarised as
 * rows ({@link PlannerProfile}).
 */
final class PlannerScenario implements Scenario {
    static final String JFR_PROPERTY = "barfill.bench.jfr";
    /** Where the planner should be: the provider's pace of a fully coalesced universe, in events/s. */
    static final int GOAL = 20_000;
    /** Measured rounds at full size, each after the same warm-up; the figures are their medians. */
    static final int ROUNDS = 5;

    @Override
    public String name() {
        return "planner";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        boolean smoke = scale == Scale.SMOKE;
        int rounds = smoke ? 1 : ROUNDS;
        List<PlannerLoad> loads = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            // Each round its own series: a round never meets state another one left.
            loads.add(new PlannerLoad(smoke ? 5 : 500, smoke ? 5 : 21, i * 2_000));
        }
        // A warm-up as large as a measured round: the JIT compilers finish before anything is measured,
        // as in a long-running planner, instead of competing with the first rounds for the 2 cores.
        PlannerLoad warmUp = new PlannerLoad(smoke ? 2 : 500, loads.get(0).days(), 9_000);
        Clock clock = Clocks.fromEnvironment();
        String what = loads.get(0).symbols() + " jobs x " + loads.get(0).days() + " sessions 15m";
        List<Row> rows = new ArrayList<>();
        List<Row> profiles = new ArrayList<>();

        String jfr = System.getProperty(JFR_PROPERTY);
        try (PlannerOnDriver driver = new PlannerOnDriver(work.resolve("driver"), clock)) {
            driver.run(warmUp, clock);
            Recording recording = jfr == null ? null : JfrProfile.start();
            List<PlannerRun> runs = new ArrayList<>();
            for (PlannerLoad load : loads) {
                runs.add(driver.run(load, clock));
            }
            if (recording != null) {
                String self = Thread.currentThread().getName();
                profiles.addAll(PlannerProfile.rows(name(), "driver", stop(recording, driverFile(jfr)), self::equals,
                        busySeconds(runs)));
            }
            rows.addAll(figures("TopologyTestDriver", runs, what + "; no broker, no commits: the topology's CPU"));
            PlannerRun r = runs.get(0);
            rows.add(row("TopologyTestDriver: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "the driver commits after every record, and a job is sent once per commit"));
            PlannerOnDriver.StoredSizes sizes = driver.sizesInFlight();
            rows.add(row("series state as stored, every day in flight", sizes.seriesState(), "bytes",
                    "JSON, instants as epoch nanoseconds; read back from memory, written once per commit"));
            rows.add(row("job as stored, every day pending", sizes.job(), "bytes",
                    "JSON; read back from memory, stored and sent to job-progress once per commit"));
        }

        try (PlannerOnBroker broker = new PlannerOnBroker(work.resolve("broker"), clock)) {
            broker.run(warmUp);
            Recording recording = jfr == null ? null : JfrProfile.start();
            List<PlannerRun> runs = new ArrayList<>();
            for (PlannerLoad load : loads) {
                runs.add(broker.run(load));
                System.err.println("planner on broker, stream thread: " + broker.threadRatios());
            }
            if (recording != null) {
                profiles.addAll(PlannerProfile.rows(name(), "broker", stop(recording, Path.of(jfr)),
                        n -> n.startsWith("barfill-planner") && n.contains("-StreamThread-"), busySeconds(runs)));
            }
            rows.addAll(figures("broker", runs, what + "; exactly_once_v2, 1 stream thread, outputs read committed"));
            PlannerRun r = runs.get(0);
            rows.add(row("broker: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "read committed; one per job per commit"));
        }
        rows.addAll(profiles);
        return rows;
    }

    /** Medians over the rounds, every round's figure in the note: the machine is shared, rounds vary. */
    private List<Row> figures(String where, List<PlannerRun> runs, String what) {
        PlannerRun first = runs.get(0);
        String rounds = runs.size() + (runs.size() == 1 ? " round" : " rounds, median");
        double eventMicros = median(runs, PlannerRun::settleCpuMicrosPerEvent);
        double chunkMicros = median(runs, PlannerRun::planCpuMicrosPerChunk);
        String threads = where.equals("broker") ? "stream thread, its producer and consumer threads" : "the driver's thread";
        return List.of(
                row(where + ": chunks planned per second", median(runs, PlannerRun::chunksPerSecond), "chunks/s",
                        first.chunks() + " chunks, first request to last chunk out; " + what + "; " + rounds + " of "
                                + each(runs, PlannerRun::chunksPerSecond)),
                row(where + ": events settled per second", median(runs, PlannerRun::eventsPerSecond), "events/s",
                        first.events() + " WRITTEN events, first event to every job at 100%; " + rounds + " of "
                                + each(runs, PlannerRun::eventsPerSecond) + "; goal " + String.format(Locale.ROOT, "%,d", GOAL)),
                row(where + ": planner CPU per chunk planned", chunkMicros, "CPU-µs",
                        threads + "; " + rounds + " of " + each(runs, PlannerRun::planCpuMicrosPerChunk)),
                row(where + ": planner CPU per event settled", eventMicros, "CPU-µs",
                        threads + "; " + rounds + " of " + each(runs, PlannerRun::settleCpuMicrosPerEvent)),
                row(where + ": events per second one dedicated core would settle", 1e6 / eventMicros, "events/s",
                        "1 s / CPU per event: the ceiling of one stream thread that never waits"));
    }

    /** Seconds the rounds spent planning and settling, what a profile covers. */
    private static double busySeconds(List<PlannerRun> runs) {
        return runs.stream().mapToDouble(r -> r.planSeconds() + r.settleSeconds()).sum();
    }

    private static double median(List<PlannerRun> runs, ToDoubleFunction<PlannerRun> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        return v[v.length / 2];
    }

    private static String each(List<PlannerRun> runs, ToDoubleFunction<PlannerRun> figure) {
        return runs.stream().map(r -> Report.format(figure.applyAsDouble(r))).collect(Collectors.joining(", ", "[", "]"));
    }

    private static Path stop(Recording recording, Path file) throws java.io.IOException {
        recording.stop();
        Path target = file.toAbsolutePath();
        recording.dump(target);
        recording.close();
        return target;
    }

    /** {@code planner.jfr} -> {@code planner-driver.jfr}: the driver's round, beside the broker's. */
    static Path driverFile(String jfr) {
        String name = Path.of(jfr).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Path.of(jfr).resolveSibling(dot < 0 ? name + "-driver" : name.substring(0, dot) + "-driver" + name.substring(dot));
    }

    private Row row(String metric, double value, String unit, String note) {
        return new Row(name(), metric, value, unit, note);
    }
}

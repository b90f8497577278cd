package dev.barfill.bench;

import dev.barfill.core.time.Clocks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * round of 50 other jobs; the figures are the medians. With the system property
 * {@value #JFR_PROPERTY} set to a file, the broker's measured round is recorded there with JFR and
 * the stream thread's samples are summarised as rows.
 */
final class PlannerScenario implements Scenario {
    static final String JFR_PROPERTY = "barfill.bench.jfr";
    /** Where the planner should be: the provider's pace of a fully coalesced universe, in events/s. */
    static final int GOAL = 20_000;
    /** Measured rounds at full size, each after the same warm-up; the figures are their medians. */
    static final int ROUNDS = 3;

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
        PlannerLoad warmUp = new PlannerLoad(smoke ? 2 : 50, loads.get(0).days(), 9_000);
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
                profiles.addAll(profile("driver", stop(recording, driverFile(jfr)), self::equals, runs));
            }
            rows.addAll(figures("TopologyTestDriver", runs, what + "; no broker, no commits: the topology's CPU"));
            PlannerRun r = runs.get(0);
            rows.add(row("TopologyTestDriver: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "one whole job record per settled event"));
            PlannerOnDriver.StoredSizes sizes = driver.sizesInFlight();
            rows.add(row("series state as stored, every day in flight", sizes.seriesState(), "bytes",
                    "JSON; every event reads it and writes it back whole"));
            rows.add(row("job as stored, every day pending", sizes.job(), "bytes",
                    "JSON; every event reads it, writes it back and sends it to job-progress"));
        }

        try (PlannerOnBroker broker = new PlannerOnBroker(work.resolve("broker"), clock)) {
            broker.run(warmUp);
            Recording recording = jfr == null ? null : JfrProfile.start();
            List<PlannerRun> runs = new ArrayList<>();
            for (PlannerLoad load : loads) {
                runs.add(broker.run(load));
            }
            if (recording != null) {
                profiles.addAll(profile("broker", stop(recording, Path.of(jfr)),
                        n -> n.startsWith("barfill-planner") && n.contains("-StreamThread-"), runs));
            }
            rows.addAll(figures("broker", runs, what + "; exactly_once_v2, 1 stream thread, outputs read committed"));
            PlannerRun r = runs.get(0);
            rows.add(row("broker: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "read committed"));
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

    /**
     * The planner thread's samples over a measured round: top frames, shares of what the samples
     * were inside of, and where it waited. On the driver the planner runs on the calling thread,
     * on the broker on its stream thread.
     */
    private List<Row> profile(String where, Path file, Predicate<String> thread, List<PlannerRun> runs)
            throws java.io.IOException {
        double seconds = runs.stream().mapToDouble(r -> r.planSeconds() + r.settleSeconds()).sum();
        JfrProfile.Summary s = JfrProfile.read(file, thread, categories(), waitPlaces(), 10);
        String p = where + " profile: ";
        List<Row> rows = new ArrayList<>();
        rows.add(row(p + "Java samples of the planner thread", s.javaSamples(), "samples",
                "JFR 'profile' settings (a sample every 10 ms of a thread in Java code) over the measured round; "
                        + file.getFileName()));
        int rank = 1;
        for (JfrProfile.Share f : s.topFrames()) {
            rows.add(row(p + "top frame " + rank++, f.percent(), "% of samples", "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Share c : s.categories()) {
            rows.add(row(p + "inside " + c.what(), c.percent(), "% of samples", "inclusive; categories overlap"));
        }
        rows.add(row(p + "native samples of the planner thread", s.nativeSamples(), "samples",
                "in native code: JNI (RocksDB), socket I/O"));
        rank = 1;
        for (JfrProfile.Share f : s.topNative()) {
            rows.add(row(p + "top native frame " + rank++, f.percent(), "% of native samples",
                    "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Wait w : s.waits()) {
            if (w.parks() > 0) {
                rows.add(row(p + "parked, " + w.what(), w.seconds(), "s", String.format(java.util.Locale.ROOT,
                        "%d parks of 10 ms or more, in %.2f s of planning and settling", w.parks(), seconds)));
            }
        }
        return rows;
    }

    /** What a planner record's cost is made of, by the frames a sample is inside of. */
    static Map<String, Predicate<String>> categories() {
        Map<String, Predicate<String>> c = new LinkedHashMap<>();
        c.put("planning a request (PlanRequestProcessor)", f -> f.startsWith("dev.barfill.planner.PlanRequestProcessor.handle"));
        c.put("settling an event (SettleDayProcessor)", f -> f.startsWith("dev.barfill.planner.SettleDayProcessor.handle"));
        c.put("store reads (get, decoding the value)", f -> f.equals("org.apache.kafka.streams.state.internals.MeteredKeyValueStore.get"));
        c.put("store writes (put, encoding, changelog)", f -> f.equals("org.apache.kafka.streams.state.internals.MeteredKeyValueStore.put"));
        c.put("JSON decoding (Jackson)", f -> f.startsWith("com.fasterxml.jackson.databind.ObjectReader.readValue")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readValue"));
        c.put("JSON encoding (Jackson)", f -> f.startsWith("com.fasterxml.jackson.databind.ObjectWriter.writeValue")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectMapper.writeValue"));
        c.put("parsing timestamps (DateTimeFormatter.parse)", f -> f.equals("java.time.format.DateTimeFormatter.parse"));
        c.put("job progress out (FlightWatch.forwardProgress)", f -> f.equals("dev.barfill.planner.FlightWatch.forwardProgress"));
        c.put("sink nodes (outputs: encode, send)", f -> f.equals("org.apache.kafka.streams.processor.internals.SinkNode.process"));
        c.put("producer send (outputs and changelogs)", f -> f.equals("org.apache.kafka.clients.producer.KafkaProducer.send"));
        c.put("RocksDB (Java side of JNI)", f -> f.startsWith("org.rocksdb."));
        c.put("commit", f -> f.equals("org.apache.kafka.streams.processor.internals.StreamThread.maybeCommit"));
        c.put("consumer poll", f -> f.equals("org.apache.kafka.streams.processor.internals.StreamThread.pollRequests"));
        c.put("series state changes (SeriesState)", f -> f.startsWith("dev.barfill.planner.plan.SeriesState"));
        c.put("job arithmetic (JobBook)", f -> f.startsWith("dev.barfill.planner.plan.JobBook."));
        c.put("logging", f -> f.startsWith("ch.qos.logback.") || f.startsWith("org.slf4j."));
        // The driver's own handling of each output record (a regex per record), not the planner's.
        c.put("TopologyTestDriver's own output handling",
                f -> f.equals("org.apache.kafka.streams.TopologyTestDriver.captureOutputsAndReEnqueueInternalResults"));
        return c;
    }

    /** Where the stream thread waits: the exactly-once commit's three steps, and the coverage lookup's hand-off. */
    static Map<String, Predicate<String>> waitPlaces() {
        Map<String, Predicate<String>> w = new LinkedHashMap<>();
        w.put("commit: producer flush", f -> f.equals("org.apache.kafka.clients.producer.KafkaProducer.flush"));
        w.put("commit: offsets into the transaction",
                f -> f.equals("org.apache.kafka.clients.producer.KafkaProducer.sendOffsetsToTransaction"));
        w.put("commit: commitTransaction", f -> f.equals("org.apache.kafka.clients.producer.KafkaProducer.commitTransaction"));
        w.put("coverage lookup hand-off", f -> f.startsWith("dev.barfill.planner.TimeLimitedCoverageLookup."));
        w.put("consumer poll", f -> f.equals("org.apache.kafka.streams.processor.internals.StreamThread.pollRequests"));
        return w;
    }

    private Row row(String metric, double value, String unit, String note) {
        return new Row(name(), metric, value, unit, note);
    }
}

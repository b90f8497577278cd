package dev.barfill.bench;

import dev.barfill.core.time.Clocks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.Recording;

/**
 * planner: the planner topology alone, 500 jobs x 21 sessions of 15m = 10,500 chunks, then one
 * WRITTEN event per chunk until every job is at 100%. Once on a TopologyTestDriver (the
 * topology's own CPU) and once as the production service on an in-process broker with
 * exactly-once and one stream thread. Coverage lookups answer at once, so PostgreSQL plays no
 * part. Each is measured after a warm-up round of 50 other jobs. With the system property
 * {@value #JFR_PROPERTY} set to a file, the broker's measured round is recorded there with JFR and
 * the stream thread's samples are summarised as rows.
 */
final class PlannerScenario implements Scenario {
    static final String JFR_PROPERTY = "barfill.bench.jfr";
    /** Where the planner should be: the provider's pace of a fully coalesced universe, in events/s. */
    static final int GOAL = 20_000;

    @Override
    public String name() {
        return "planner";
    }

    @Override
    public List<Row> run(Scale scale, Path work) throws Exception {
        boolean smoke = scale == Scale.SMOKE;
        PlannerLoad load = new PlannerLoad(smoke ? 5 : 500, smoke ? 5 : 21, 0);
        PlannerLoad warmUp = new PlannerLoad(smoke ? 2 : 50, load.days(), 1_000);
        Clock clock = Clocks.fromEnvironment();
        String what = load.symbols() + " jobs x " + load.days() + " sessions 15m";
        List<Row> rows = new ArrayList<>();

        String jfr = System.getProperty(JFR_PROPERTY);
        try (PlannerOnDriver driver = new PlannerOnDriver(work.resolve("driver"), clock)) {
            driver.run(warmUp, clock);
            Recording recording = jfr == null ? null : JfrProfile.start();
            PlannerRun r = driver.run(load, clock);
            if (recording != null) {
                String self = Thread.currentThread().getName();
                rows.addAll(profile("driver", stop(recording, driverFile(jfr)), self::equals, r));
            }
            rows.addAll(figures("TopologyTestDriver", r, what + "; no broker, no commits: the topology's CPU"));
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
            PlannerRun r = broker.run(load);
            rows.addAll(figures("broker", r, what + "; exactly_once_v2, 1 stream thread, outputs read committed"));
            rows.add(row("broker: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "read committed"));
            if (recording != null) {
                rows.addAll(profile("broker", stop(recording, Path.of(jfr)),
                        n -> n.startsWith("barfill-planner") && n.contains("-StreamThread-"), r));
            }
        }
        return rows;
    }

    private List<Row> figures(String where, PlannerRun r, String what) {
        return List.of(
                row(where + ": chunks planned per second", r.chunksPerSecond(), "chunks/s",
                        r.chunks() + " chunks in " + String.format(java.util.Locale.ROOT, "%.2f", r.planSeconds())
                                + " s; " + what),
                row(where + ": events settled per second", r.eventsPerSecond(), "events/s",
                        r.events() + " WRITTEN events to every job at 100% in "
                                + String.format(java.util.Locale.ROOT, "%.2f", r.settleSeconds()) + " s; goal "
                                + String.format(java.util.Locale.ROOT, "%,d", GOAL)),
                row(where + ": planner CPU per chunk planned", r.planCpuMicrosPerChunk(), "CPU-µs",
                        where.equals("broker") ? "stream thread, its producer and consumer threads" : "the driver's thread"),
                row(where + ": planner CPU per event settled", r.settleCpuMicrosPerEvent(), "CPU-µs", null));
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
    private List<Row> profile(String where, Path file, Predicate<String> thread, PlannerRun r) throws java.io.IOException {
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
                        "%d parks of 10 ms or more, of %.2f s planning and settling", w.parks(),
                        r.planSeconds() + r.settleSeconds())));
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

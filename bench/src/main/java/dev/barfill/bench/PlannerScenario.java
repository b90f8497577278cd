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

        try (PlannerOnDriver driver = new PlannerOnDriver(work.resolve("driver"), clock)) {
            driver.run(warmUp, clock);
            PlannerRun r = driver.run(load, clock);
            rows.addAll(figures("TopologyTestDriver", r, what + "; no broker, no commits: the topology's CPU"));
            rows.add(row("TopologyTestDriver: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "one whole job record per settled event"));
            PlannerOnDriver.StoredSizes sizes = driver.sizesInFlight();
            rows.add(row("series state as stored, every day in flight", sizes.seriesState(), "bytes",
                    "JSON; every event reads it and writes it back whole"));
            rows.add(row("job as stored, every day pending", sizes.job(), "bytes",
                    "JSON; every event reads it, writes it back and sends it to job-progress"));
        }

        String jfr = System.getProperty(JFR_PROPERTY);
        try (PlannerOnBroker broker = new PlannerOnBroker(work.resolve("broker"), clock)) {
            broker.run(warmUp);
            Recording recording = jfr == null ? null : JfrProfile.start();
            PlannerRun r = broker.run(load);
            rows.addAll(figures("broker", r, what + "; exactly_once_v2, 1 stream thread, outputs read committed"));
            rows.add(row("broker: job-progress records per event", (double) r.progressRecords() / r.events(),
                    "records", "read committed"));
            if (recording != null) {
                recording.stop();
                Path file = Path.of(jfr).toAbsolutePath();
                recording.dump(file);
                recording.close();
                rows.addAll(profile(file));
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

    /** The stream thread's samples: top frames, and shares of what the samples were inside of. */
    private List<Row> profile(Path file) throws java.io.IOException {
        JfrProfile.Summary s = JfrProfile.read(file, n -> n.contains("barfill-planner") && n.contains("StreamThread"),
                categories(), 10);
        List<Row> rows = new ArrayList<>();
        rows.add(row("profile: Java samples of the stream thread", s.javaSamples(), "samples",
                "JFR 'profile' settings (every 10 ms) over the measured round; " + file.getFileName()));
        int rank = 1;
        for (JfrProfile.Share f : s.topFrames()) {
            rows.add(row("profile: top frame " + rank++, f.percent(), "% of samples", "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Share c : s.categories()) {
            rows.add(row("profile: inside " + c.what(), c.percent(), "% of samples", "inclusive; categories overlap"));
        }
        rows.add(row("profile: native samples of the stream thread", s.nativeSamples(), "samples",
                "in native code: JNI (RocksDB), socket I/O, waits"));
        rank = 1;
        for (JfrProfile.Share f : s.topNative()) {
            rows.add(row("profile: top native frame " + rank++, f.percent(), "% of native samples",
                    "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        return rows;
    }

    /** What a planner record's cost is made of, by the frames a sample is inside of. */
    static Map<String, Predicate<String>> categories() {
        Map<String, Predicate<String>> c = new LinkedHashMap<>();
        c.put("planning a request (PlanRequestProcessor)", f -> f.startsWith("dev.barfill.planner.PlanRequestProcessor.process"));
        c.put("settling an event (SettleDayProcessor)", f -> f.startsWith("dev.barfill.planner.SettleDayProcessor.process"));
        c.put("JSON serialising (Jackson)", f -> f.startsWith("com.fasterxml.jackson.databind.ObjectMapper.writeValue")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectWriter."));
        c.put("JSON parsing (Jackson)", f -> f.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readValue")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectMapper._readMapAndClose"));
        c.put("state stores (get/put through every layer)", f -> f.startsWith("org.apache.kafka.streams.state.internals."));
        c.put("RocksDB (Java side of JNI)", f -> f.startsWith("org.rocksdb."));
        c.put("producer send (outputs and changelogs)", f -> f.startsWith("org.apache.kafka.clients.producer.KafkaProducer.send")
                || f.startsWith("org.apache.kafka.clients.producer.KafkaProducer.doSend"));
        c.put("commit (transaction, offsets, flush)", f -> f.contains(".commit") || f.contains("Transaction"));
        c.put("consumer poll", f -> f.startsWith("org.apache.kafka.clients.consumer.") && f.endsWith(".poll"));
        c.put("job arithmetic (JobBook)", f -> f.startsWith("dev.barfill.planner.plan.JobBook."));
        c.put("series state (SeriesState)", f -> f.startsWith("dev.barfill.planner.plan.SeriesState"));
        c.put("logging", f -> f.startsWith("ch.qos.logback.") || f.startsWith("org.slf4j."));
        return c;
    }

    private Row row(String metric, double value, String unit, String note) {
        return new Row(name(), metric, value, unit, note);
    }
}

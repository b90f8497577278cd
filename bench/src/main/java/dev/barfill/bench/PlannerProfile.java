package dev.barfill.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The planner benchmark's profile as rows: what the planner thread's samples were in, named by
 * the planner's own parts (processors, stores, serdes, the exactly-once commit), so that a record's
 * cost reads as a breakdown.
 */
final class PlannerProfile {
    private PlannerProfile() {
    }

    /**
     * The planner thread's samples over the measured rounds: top frames, shares of what the
     * samples were inside of, and where it waited. On the driver the planner runs on the calling
     * thread, on the broker on its stream thread.
     *
     * @param seconds how long the rounds planned and settled, beside which the waits are read
     */
    static List<Row> rows(String scenario, String where, Path file, Predicate<String> thread, double seconds)
            throws IOException {
        JfrProfile.Summary s = JfrProfile.read(file, thread, categories(), waitPlaces(), 10);
        String p = where + " profile: ";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(scenario, p + "Java samples of the planner thread", s.javaSamples(), "samples",
                "JFR 'profile' settings (a sample every 10 ms of a thread in Java code) over the measured rounds; "
                        + file.getFileName()));
        int rank = 1;
        for (JfrProfile.Share f : s.topFrames()) {
            rows.add(new Row(scenario, p + "top frame " + rank++, f.percent(), "% of samples", "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Share c : s.categories()) {
            rows.add(new Row(scenario, p + "inside " + c.what(), c.percent(), "% of samples", "inclusive; categories overlap"));
        }
        rows.add(new Row(scenario, p + "native samples of the planner thread", s.nativeSamples(), "samples",
                "in native code: JNI (RocksDB), socket I/O"));
        rank = 1;
        for (JfrProfile.Share f : s.topNative()) {
            rows.add(new Row(scenario, p + "top native frame " + rank++, f.percent(), "% of native samples",
                    "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Wait w : s.waits()) {
            if (w.parks() > 0) {
                rows.add(new Row(scenario, p + "parked, " + w.what(), w.seconds(), "s", String.format(Locale.ROOT,
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

}

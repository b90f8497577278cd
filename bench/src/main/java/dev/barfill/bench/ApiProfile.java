package dev.barfill.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The api scenario's profile of the stack's JVM as rows: what the API's request threads (Jetty's
 * pool) were doing, by the API's own parts (handlers, JSON, JDBC, Jetty's I/O), and how busy the
 * machine's CPUs were meanwhile, so that a missed goal reads as CPU, serialisation, queueing or
 * the database.
 */
final class ApiProfile {
    private ApiProfile() {
    }

    /** Jetty's request threads, as Javalin names its pool (or Jetty's default name). */
    static boolean requestThread(String name) {
        return name.startsWith("JettyServerThreadPool") || name.startsWith("qtp");
    }

    static List<Row> rows(String scenario, String what, Path file) throws IOException {
        JfrProfile.Summary s = JfrProfile.read(file, ApiProfile::requestThread, categories(), waitPlaces(), 5);
        String p = what + " profile: ";
        List<Row> rows = new ArrayList<>();
        double[] cpu = cpuLoad(file);
        rows.add(new Row(scenario, p + "machine CPU busy", cpu[0], "%",
                String.format(Locale.ROOT, "JFR jdk.CPULoad each second, mean; the stack's JVM %.0f%% of it"
                        + " (the rest: the generator's JVM, PostgreSQL, everything else on the machine)", cpu[1])));
        double[] gc = gcPauses(file);
        rows.add(new Row(scenario, p + "GC pauses of the stack's JVM, longest", gc[1], "ms",
                String.format(Locale.ROOT, "%.0f collections, %.0f ms of pauses in all over the recording (broker, every"
                        + " role and the API share one heap); a request that arrives in a pause waits it out", gc[0], gc[2])));
        rows.add(new Row(scenario, p + "Java samples of the request threads", s.javaSamples(), "samples",
                "JFR 'profile' settings (a sample every 10-20 ms of a thread in Java code); " + file.getFileName()));
        int rank = 1;
        for (JfrProfile.Share f : s.topFrames()) {
            rows.add(new Row(scenario, p + "top frame " + rank++, f.percent(), "% of samples", "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Share c : s.categories()) {
            if (c.samples() > 0) {
                rows.add(new Row(scenario, p + "inside " + c.what(), c.percent(), "% of samples", "inclusive; categories overlap"));
            }
        }
        rows.add(new Row(scenario, p + "native samples of the request threads", s.nativeSamples(), "samples",
                "in native code: socket I/O to the client and to PostgreSQL"));
        rank = 1;
        for (JfrProfile.Share f : s.topNative()) {
            rows.add(new Row(scenario, p + "top native frame " + rank++, f.percent(), "% of native samples",
                    "`" + JfrProfile.shortName(f.what()) + "`"));
        }
        for (JfrProfile.Wait w : s.waits()) {
            if (w.parks() > 0 && !w.what().equals("idle in Jetty's pool")) {
                rows.add(new Row(scenario, p + "parked, " + w.what(), w.seconds(), "s",
                        w.parks() + " parks of 10 ms or more, summed over the request threads"));
            }
        }
        return rows;
    }

    static Map<String, Predicate<String>> categories() {
        Map<String, Predicate<String>> c = new LinkedHashMap<>();
        c.put("the coverage check's handler", f -> f.startsWith("dev.barfill.api.CoverageController.")
                || f.startsWith("dev.barfill.api.CoverageService."));
        c.put("the bars handler", f -> f.startsWith("dev.barfill.api.BarsController."));
        c.put("JSON encoding (Jackson generator)", f -> f.startsWith("com.fasterxml.jackson.core.json.UTF8JsonGenerator.")
                || f.startsWith("com.fasterxml.jackson.core.json.WriterBasedJsonGenerator.")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectWriter.writeValue")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectMapper.writeValue"));
        c.put("JSON decoding (Jackson)", f -> f.startsWith("com.fasterxml.jackson.databind.ObjectReader.readValue")
                || f.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readValue"));
        c.put("JDBC: pgjdbc (query, reading rows)", f -> f.startsWith("org.postgresql."));
        c.put("connection pool (Hikari)", f -> f.startsWith("com.zaxxer.hikari."));
        c.put("Jetty writing the response", f -> f.startsWith("org.eclipse.jetty.ee10.servlet.HttpOutput.")
                || f.startsWith("org.eclipse.jetty.server.internal.HttpConnection$SendCallback")
                || f.equals("org.eclipse.jetty.io.SocketChannelEndPoint.flush"));
        c.put("Jetty reading and parsing the request", f -> f.startsWith("org.eclipse.jetty.http.HttpParser."));
        c.put("authentication", f -> f.startsWith("dev.barfill.api.auth."));
        c.put("request metrics (Micrometer)", f -> f.startsWith("io.micrometer."));
        c.put("logging", f -> f.startsWith("ch.qos.logback.") || f.startsWith("org.slf4j."));
        return c;
    }

    static Map<String, Predicate<String>> waitPlaces() {
        Map<String, Predicate<String>> w = new LinkedHashMap<>();
        w.put("waiting for a database connection (Hikari)", f -> f.startsWith("com.zaxxer.hikari.pool.HikariPool.getConnection"));
        w.put("blocked in Jetty I/O (a write the client has not taken yet, or a body not arrived yet)", f -> f.startsWith("org.eclipse.jetty.util.Blocker")
                || f.startsWith("org.eclipse.jetty.util.Blocking") || f.startsWith("org.eclipse.jetty.util.FutureCallback"));
        w.put("idle in Jetty's pool", f -> f.startsWith("org.eclipse.jetty.util.thread.QueuedThreadPool")
                || f.startsWith("org.eclipse.jetty.util.thread.ReservedThreadExecutor")
                || f.startsWith("org.eclipse.jetty.io.ManagedSelector"));
        return w;
    }

    /** jdk.GarbageCollection over the recording: {collections, longest pause ms, sum of pauses ms}. */
    static double[] gcPauses(Path file) throws IOException {
        double count = 0;
        double longest = 0;
        double sum = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.GarbageCollection")) {
                count++;
                longest = Math.max(longest, e.getDuration("longestPause").toNanos() / 1e6);
                sum += e.getDuration("sumOfPauses").toNanos() / 1e6;
            }
        }
        return new double[] {count, longest, sum};
    }

    /** Mean of jdk.CPULoad over the recording: {machine total %, the JVM's user+system %}. */
    static double[] cpuLoad(Path file) throws IOException {
        double machine = 0;
        double jvm = 0;
        int n = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.CPULoad")) {
                machine += e.getFloat("machineTotal");
                jvm += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                n++;
            }
        }
        return n == 0 ? new double[] {0, 0} : new double[] {100 * machine / n, 100 * jvm / n};
    }
}

package dev.barfill.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of some threads, read back as shares of execution samples: by the
 * frame on top of the stack (where the CPU was), and by what the stack was inside of (a category
 * is counted once per sample that has any frame of it, so categories overlap).
 */
final class JfrProfile {
    /** A frame or a category and its share of the samples. */
    record Share(String what, long samples, double percent) {
    }

    /** Time parked or waiting in one place: the recording keeps the parks of at least its threshold (10 ms). */
    record Wait(String what, long parks, double seconds) {
    }

    /**
     * Java samples (threads running Java code), native samples (threads in native code: JNI, I/O,
     * waits) and the waits by place.
     */
    record Summary(long javaSamples, List<Share> topFrames, List<Share> categories, long nativeSamples,
                   List<Share> topNative, List<Wait> waits) {
    }

    private JfrProfile() {
    }

    /** A recording with the JDK's "profile" settings (execution samples every 10 ms), started now. */
    static Recording start() throws IOException, java.text.ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setName("barfill-bench");
        r.start();
        return r;
    }

    /**
     * @param categories what a Java sample may be inside of, by a test of its frames ({@code package.Class.method})
     * @param waitPlaces where a park or monitor wait may be, by the same test; the first that matches takes it
     */
    static Summary read(Path file, Predicate<String> threads, Map<String, Predicate<String>> categories,
                        Map<String, Predicate<String>> waitPlaces, int top) throws IOException {
        Map<String, Long> leaf = new HashMap<>();
        Map<String, Long> inside = new LinkedHashMap<>();
        categories.keySet().forEach(c -> inside.put(c, 0L));
        Map<String, Long> nativeLeaf = new HashMap<>();
        Map<String, double[]> waits = new LinkedHashMap<>();
        waitPlaces.keySet().forEach(w -> waits.put(w, new double[2]));
        waits.put("elsewhere", new double[2]);
        long java = 0;
        long nat = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            boolean javaSample = type.equals("jdk.ExecutionSample");
            boolean wait = type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorWait");
            if (!javaSample && !wait && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedThread t = wait ? e.getThread() : e.getThread("sampledThread");
            RecordedStackTrace stack = e.getStackTrace();
            if (t == null || stack == null || stack.getFrames().isEmpty() || !threads.test(String.valueOf(t.getJavaName()))) {
                continue;
            }
            List<String> frames = stack.getFrames().stream().map(JfrProfile::name).toList();
            if (wait) {
                String place = waitPlaces.entrySet().stream().filter(p -> frames.stream().anyMatch(p.getValue()))
                        .map(Map.Entry::getKey).findFirst().orElse("elsewhere");
                double[] w = waits.get(place);
                w[0]++;
                w[1] += e.getDuration().toNanos() / 1e9;
            } else if (javaSample) {
                java++;
                leaf.merge(frames.get(0), 1L, Long::sum);
                categories.forEach((c, p) -> {
                    if (frames.stream().anyMatch(p)) {
                        inside.merge(c, 1L, Long::sum);
                    }
                });
            } else {
                nat++;
                nativeLeaf.merge(frames.get(0), 1L, Long::sum);
            }
        }
        return new Summary(java, top(leaf, java, top), shares(inside, java), nat, top(nativeLeaf, nat, 3),
                waits.entrySet().stream().map(w -> new Wait(w.getKey(), (long) w.getValue()[0], w.getValue()[1])).toList());
    }

    private static List<Share> top(Map<String, Long> counts, long total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(n).map(e -> new Share(e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, total)))
                .toList();
    }

    private static List<Share> shares(Map<String, Long> counts, long total) {
        return counts.entrySet().stream()
                .map(e -> new Share(e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, total))).toList();
    }

    /** {@code package.Class.method}: full names, so that categories can match on packages. */
    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** {@code Class.method} without the package, for a table. */
    static String shortName(String frame) {
        int method = frame.lastIndexOf('.');
        int cls = frame.lastIndexOf('.', method - 1);
        return frame.substring(cls + 1);
    }
}

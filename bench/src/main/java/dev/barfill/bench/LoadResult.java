package dev.barfill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the load generator's process hands back to the scenario, as a small text file: a header
 * line {@code sent errors elapsed-nanos}, then one latency in milliseconds per line, in the order
 * the requests were scheduled.
 */
record LoadResult(int sent, int errors, long elapsedNanos, double[] latenciesMillis) {

    LoadResult {
        if (sent < 0 || errors < 0 || errors > sent) {
            throw new IllegalArgumentException("sent and errors: expected 0 <= errors <= sent, got " + sent + " and " + errors);
        }
        if (latenciesMillis.length != sent) {
            throw new IllegalArgumentException("latencies: expected one per request sent (" + sent + "), got "
                    + latenciesMillis.length);
        }
    }

    /** Requests per second the generator kept up over the measured part. */
    double achievedRate() {
        return sent / (elapsedNanos / 1e9);
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(16 + sent * 8);
        out.append(sent).append(' ').append(errors).append(' ').append(elapsedNanos).append('\n');
        for (double l : latenciesMillis) {
            out.append(String.format(Locale.ROOT, "%.4f", l)).append('\n');
        }
        Files.writeString(file, out);
    }

    static LoadResult read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": header: missing (expected 'sent errors elapsed-nanos')");
        }
        String[] header = lines.get(0).trim().split(" ");
        if (header.length != 3) {
            throw new IllegalArgumentException(file + ": header: expected 'sent errors elapsed-nanos', got '" + lines.get(0) + "'");
        }
        List<Double> latencies = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            try {
                latencies.add(Double.parseDouble(lines.get(i)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": latency on line " + (i + 1) + ": not a number: '" + lines.get(i) + "'");
            }
        }
        try {
            return new LoadResult(Integer.parseInt(header[0]), Integer.parseInt(header[1]), Long.parseLong(header[2]),
                    latencies.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": header: expected three integers, got '" + lines.get(0) + "'");
        }
    }
}

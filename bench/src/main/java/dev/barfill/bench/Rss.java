package dev.barfill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident set sizes from /proc: this JVM's peak, and the current total of the PostgreSQL processes. */
final class Rss {
    private Rss() {
    }

    /** Peak resident set of this process (VmHWM), in MiB. */
    static double peakSelfMiB() {
        return field(Path.of("/proc/self/status"), "VmHWM:");
    }

    /** Current resident set of every process whose command is postgres, in MiB. */
    static double postgresMiB() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/bin/postgres")).orElse(false))
                .mapToDouble(p -> field(Path.of("/proc/" + p.pid() + "/status"), "VmRSS:"))
                .sum();
    }

    private static double field(Path status, String name) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}

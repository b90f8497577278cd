package dev.barfill.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time used so far by this process and by the PostgreSQL processes, in nanoseconds. */
final class ProcessCpu {
    /** Linux's clock tick for /proc times (USER_HZ), 100 on every common build. */
    private static final long TICK_NANOS = 10_000_000L;

    private ProcessCpu() {
    }

    /** This JVM: every thread, GC and JIT included. */
    static long self() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The PostgreSQL processes alive now (utime + stime); a backend that ended takes its time with it. */
    static long postgres() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(p -> ticks(Path.of("/proc/" + p.pid() + "/stat")) * TICK_NANOS)
                .sum();
    }

    /**
     * The PostgreSQL server whose data directory lies under {@code dir}, and its backends: on a
     * shared machine other servers run beside it. Backends rename themselves ("postgres: user db
     * ..."), so they are found as the postmaster's children, not by their command.
     */
    static long postgresUnder(Path dir) {
        String under = dir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && p.info().arguments().map(a -> String.join(" ", a).contains(under)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(p -> ticks(Path.of("/proc/" + p.pid() + "/stat")) * TICK_NANOS)
                .sum();
    }

    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            // Fields after the command, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

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

    /**
     * The PostgreSQL server whose data directory lies under {@code dir}, and its backends: on a
     * shared machine other servers run beside it. Backends rename themselves ("postgres: user db
     * ..."), so they are found as the postmaster's children, not by their command. A backend that
     * ended is counted in its postmaster's children's time (once reaped), so the sum never drops.
     */
    static long postgresUnder(Path dir) {
        String under = dir.toAbsolutePath().normalize().toString();  // "./data/bench" would keep its "./"
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && p.info().arguments().map(a -> String.join(" ", a).contains(under)).orElse(false))
                .mapToLong(p -> (ticks(stat(p), true) + p.descendants().mapToLong(d -> ticks(stat(d), false)).sum())
                        * TICK_NANOS)
                .sum();
    }

    private static Path stat(ProcessHandle p) {
        return Path.of("/proc/" + p.pid() + "/stat");
    }

    private static long ticks(Path stat, boolean withReapedChildren) {
        try {
            String s = Files.readString(stat);
            // Fields after the command, which is in parentheses and may hold spaces: utime and stime
            // are 14 and 15, the waited-for children's cutime and cstime 16 and 17.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

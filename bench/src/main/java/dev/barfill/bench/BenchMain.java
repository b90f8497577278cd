package dev.barfill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code barfill bench NAME...}: runs scenarios on the embedded stack and prints one table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run benchmark scenarios: single, universe, minute-bars, old-design, api, planner (or all).")
public final class BenchMain implements Callable<Integer> {
    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        for (Scenario s : List.of(new SingleScenario(), new UniverseScenario(), new MinuteBarsScenario(),
                new OldDesignScenario(), new ApiLatencyScenario(), new PlannerScenario())) {
            SCENARIOS.put(s.name(), s);
        }
    }

    @Parameters(arity = "1..*", description = "Scenario names, or 'all'.")
    List<String> names;

    @Option(names = "--smoke", description = "Tiny sizes: proves the harness runs, measures nothing.")
    boolean smoke;

    @Option(names = "--report", description = "Also write the table into this Markdown file's section (see --section).")
    Path report;

    @Option(names = "--section", defaultValue = "scenarios",
            description = "Section of the report file to write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Section section;

    /** The sections of docs/BENCHMARKS.md a run writes, each with its heading. */
    enum Section {
        scenarios("Scenarios on the embedded stack"),
        planner("Planner throughput, CPU by stage and profile"),
        api("API latency under load, the load generator in its own JVM");

        final String heading;

        Section(String heading) {
            this.heading = heading;
        }
    }

    @Option(names = "--work-dir", defaultValue = "./data/bench", description = "Scratch state (default: ${DEFAULT-VALUE}).")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            if (name.equals("all")) {
                chosen.addAll(SCENARIOS.values());
            } else if (SCENARIOS.containsKey(name)) {
                chosen.add(SCENARIOS.get(name));
            } else {
                System.err.println("unknown scenario '" + name + "', expected one of " + SCENARIOS.keySet() + " or all");
                return 2;
            }
        }
        System.setProperty("barfill.log.file", work.toAbsolutePath().resolve("bench.log").toString());
        Files.createDirectories(work);
        String loadBefore = loadAverage();
        List<Row> rows = run(chosen, smoke ? Scenario.Scale.SMOKE : Scenario.Scale.FULL, work);
        String machine = String.format(Locale.ROOT, "%d cores, %s, Java %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.println();
        // The machine is shared: the 1-minute load average says how much else ran beside the benchmark.
        machine += "; 1-min load average " + loadBefore + " at the start, " + loadAverage() + " at the end";
        System.out.println("machine: " + machine);
        System.out.print(Report.table(rows));
        if (report != null) {
            String javaOpts = System.getenv("BARFILL_JAVA_OPTS");
            ReportFile.replaceSection(report, section.name(), "## " + section.heading + "\n\n"
                    + "Written by `" + (javaOpts == null ? "" : "BARFILL_JAVA_OPTS=\"" + javaOpts + "\" ")
                    + "./barfill bench " + String.join(" ", names) + (smoke ? " --smoke" : "")
                    + (section == Section.scenarios ? "" : " --section " + section)
                    + " --report " + report + "` on " + java.time.Instant.now() + " (" + machine
                    + "; the stack, the simulator and the load generator share the machine).\n\n"
                    + Report.table(rows));
        }
        return 0;
    }

    /** The 1-minute load average, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static List<Row> run(List<Scenario> scenarios, Scenario.Scale scale, Path work) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Scenario s : scenarios) {
            System.err.println("running " + s.name() + (scale == Scenario.Scale.SMOKE ? " (smoke)" : "") + "...");
            Path dir = Files.createTempDirectory(Files.createDirectories(work), s.name() + "-");
            rows.addAll(s.run(scale, dir));
        }
        return rows;
    }
}

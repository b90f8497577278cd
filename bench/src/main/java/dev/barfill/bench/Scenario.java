package dev.barfill.bench;

import java.nio.file.Path;
import java.util.List;

/** One benchmark scenario. It starts what it needs under {@code work} and stops it before returning. */
interface Scenario {

    /** Sizes: {@code SMOKE} proves the harness runs (CI), {@code FULL} is what BENCHMARKS.md reports. */
    enum Scale { SMOKE, FULL }

    String name();

    List<Row> run(Scale scale, Path work) throws Exception;
}

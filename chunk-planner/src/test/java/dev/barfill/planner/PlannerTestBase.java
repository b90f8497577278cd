package dev.barfill.planner;

import dev.barfill.core.HistoryLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh planner per test, Monday 2026-11-30 after the close, Yahoo's history limits. */
abstract class PlannerTestBase {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path stateDir;
    PlannerHarness h;

    @BeforeEach
    void startPlanner() {
        h = new PlannerHarness(stateDir, CLOCK, HistoryLimits.yahoo());
    }

    @AfterEach
    void stopPlanner() {
        h.close();
    }
}

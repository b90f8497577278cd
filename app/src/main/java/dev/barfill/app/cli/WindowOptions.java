package dev.barfill.app.cli;

import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.core.CoverageRequest;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** A timeframe and a window: the last N trading days, or explicit local dates. */
public final class WindowOptions {
    @Option(names = "--timeframe", defaultValue = "15m", description = "Bar timeframe (default: ${DEFAULT-VALUE}).")
    String timeframe;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Window window;

    static final class Window {
        @Option(names = "--days", description = "The last N trading days.")
        Integer days;

        @ArgGroup(exclusive = false)
        Range range;
    }

    static final class Range {
        @Option(names = "--from", required = true, description = "First local trading date, e.g. 2026-11-02.")
        LocalDate from;

        @Option(names = "--to", required = true, description = "Last local trading date (inclusive).")
        LocalDate to;
    }

    CoverageRequest request(String symbol) {
        return new CoverageRequest(symbol, timeframe, from(), to(), window.days, null, "cli", null);
    }

    BulkCoverageRequest bulk(List<String> symbols) {
        return new BulkCoverageRequest(symbols, timeframe, from(), to(), window.days, null, "cli");
    }

    private LocalDate from() {
        return window.range == null ? null : window.range.from;
    }

    private LocalDate to() {
        return window.range == null ? null : window.range.to;
    }
}

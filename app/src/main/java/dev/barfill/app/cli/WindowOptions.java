package dev.barfill.app.cli;

import dev.barfill.api.BulkCoverageRequest;
import dev.barfill.core.CoverageRequest;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * A timeframe and a window: the last N trading days, or explicit local dates; neither gives the
 * timeframe's default window (30 trading days for 15m and finer, 90 for 1h and 4h, 365 for 1d and 1w).
 */
public final class WindowOptions {
    @Option(names = "--timeframe", defaultValue = "15m", description = "Bar timeframe (default: ${DEFAULT-VALUE}).")
    String timeframe;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
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
        return new CoverageRequest(symbol, timeframe, from(), to(), days(), null, "cli", null);
    }

    /** @param refresh whether every symbol's window is fetched again, covered or not */
    BulkCoverageRequest bulk(List<String> symbols, boolean refresh) {
        // No refresh sends no refresh field, as a request from an older client.
        return new BulkCoverageRequest(symbols, timeframe, from(), to(), days(), null, "cli", refresh ? Boolean.TRUE : null);
    }

    private Integer days() {
        return window == null ? null : window.days;
    }

    private LocalDate from() {
        return window == null || window.range == null ? null : window.range.from;
    }

    private LocalDate to() {
        return window == null || window.range == null ? null : window.range.to;
    }
}

package dev.barfill.bench;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the planner benchmark sends: one coverage request per symbol over the same window of
 * closed sessions, and for every chunk planned the WRITTEN event a sink would send back.
 *
 * @param firstSymbol index of the first synthetic symbol, so that a warm-up round uses other series
 */
record PlannerLoad(int symbols, int days, int firstSymbol) {
    static final Timeframe TIMEFRAME = Timeframe.parse("15m");

    CoverageRequest window() {
        return Windows.lastClosedDays("AAPL", TIMEFRAME.code(), days);
    }

    List<String> symbolNames() {
        return IntStream.range(firstSymbol, firstSymbol + symbols).mapToObj(Windows::synthetic).toList();
    }

    /** Every request, keyed by its series key as the API sends it. */
    List<Keyed> requests() {
        CoverageRequest w = window();
        return symbolNames().stream().map(s -> new Keyed(Series.of(s, TIMEFRAME).key(),
                json(CoverageRequest.ofRange(s, TIMEFRAME.code(), w.from(), w.to())))).toList();
    }

    /** The job ids the requests open. */
    List<String> jobIds() {
        CoverageRequest w = window();
        return symbolNames().stream()
                .map(s -> new CoverageWindow(Series.of(s, TIMEFRAME), w.from(), w.to()).jobId()).toList();
    }

    long chunks() {
        return (long) symbols * days;
    }

    /** The sink's answer to a chunk: its day written, naming the chunk's flight. */
    static ChunkEvent written(ChunkTask chunk, Instant at) {
        return new ChunkEvent(chunk.symbol(), chunk.timeframe(), chunk.day(), ChunkEventType.WRITTEN, 26, 0,
                "simulator", null, at, chunk.plannedAt());
    }

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record value under its key. */
    record Keyed(String key, byte[] value) {
    }
}

package dev.barfill.core.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The series and trading day a refused record is about, read leniently: from the JSON tree's
 * {@code symbol}, {@code timeframe} and {@code day} fields, the series falling back on the record
 * key ({@code SYMBOL:tf}). A stage that refuses a chunk or a day of bars uses it to report the day
 * FAILED instead of leaving it in flight; empty when the record names no valid series and day.
 */
public final class RecordDay {
    private RecordDay() {
    }

    public static Optional<ChunkKey> read(String key, byte[] value) {
        JsonNode tree = tree(value);
        Optional<LocalDate> day = text(tree, "day").flatMap(RecordDay::date);
        if (day.isEmpty()) {
            return Optional.empty();
        }
        Optional<Series> series = text(tree, "symbol").flatMap(s -> text(tree, "timeframe")
                .flatMap(tf -> series(s, tf)));
        if (series.isEmpty() && key != null) {
            series = seriesOfKey(key);
        }
        return series.map(s -> new ChunkKey(s, day.get()));
    }

    private static JsonNode tree(byte[] value) {
        try {
            return value == null ? null : Json.mapper().readTree(value);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<String> text(JsonNode tree, String field) {
        JsonNode node = tree == null || !tree.isObject() ? null : tree.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Series> series(String symbol, String timeframe) {
        try {
            return Optional.of(new Series(new Symbol(symbol), Timeframe.parse(timeframe)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Series> seriesOfKey(String key) {
        try {
            // A key may be SYMBOL:tf or SYMBOL:tf:yyyy-mm-dd.
            String[] parts = key.split(":");
            return parts.length < 2 ? Optional.empty() : series(parts[0], parts[1]);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

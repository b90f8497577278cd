package dev.barfill.core.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.ChunkKey;
import dev.barfill.core.Json;
import dev.barfill.core.Series;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The series and trading day a refused record is about, read leniently: from the JSON tree's
 * {@code symbol}, {@code timeframe} and {@code day} fields, the series falling back on the record
 * key ({@code SYMBOL:tf}), with the {@code plannedAt} of its chunk when it names one. A stage that
 * refuses a chunk or a day of bars uses it to report the day FAILED instead of leaving it in
 * flight; empty when the record names no valid series and day.
 *
 * @param plannedAt the flight the record belongs to, or null when it names none
 */
public record RecordDay(ChunkKey day, Instant plannedAt) {

    /** The FAILED event of this day's flight, for {@code reason}. */
    public ChunkEvent failed(String reason, Instant at) {
        return new ChunkEvent(day.series().symbol().value(), day.series().timeframe(), day.day(),
                ChunkEventType.FAILED, 0, 0, "none", reason, at, plannedAt);
    }

    public static Optional<RecordDay> read(String key, byte[] value) {
        JsonNode tree = tree(value);
        Instant plannedAt = text(tree, "plannedAt").flatMap(RecordDay::instant).orElse(null);
        return readDay(key, tree).map(day -> new RecordDay(day, plannedAt));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ChunkKey> readDay(String key, JsonNode tree) {
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

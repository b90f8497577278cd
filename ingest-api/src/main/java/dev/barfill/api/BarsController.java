package dev.barfill.api;

import dev.barfill.store.BarsReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.FieldError;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.Series;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/bars?symbol=&timeframe=&from=&to=&limit=}: stored bars for a chart. {@code from}
 * and {@code to} are local trading dates (inclusive) or UTC instants ({@code to} exclusive).
 * The answer is {@code {symbol, timeframe, from, to, bars: [...], count}}, written as the rows
 * are read, so a year of minute bars streams without being held in memory.
 */
public final class BarsController {
    private final ObjectMapper mapper;
    private final BarsReader reader;
    private final CalendarRegistry calendars;
    private final int maxBars;

    public BarsController(BarsReader reader, CalendarRegistry calendars, int maxBars) {
        this.mapper = dev.barfill.core.Json.mapper();
        this.reader = reader;
        this.calendars = calendars;
        this.maxBars = maxBars;
    }

    public void get(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        Symbol symbol = parse(errors, "symbol", ctx.queryParam("symbol"), Symbol::parse);
        Timeframe timeframe = parse(errors, "timeframe", ctx.queryParam("timeframe"), Timeframe::parse);
        ZoneId zone = symbol == null ? ZoneId.of("UTC") : calendars.forSymbol(symbol).zone();
        Instant from = parse(errors, "from", ctx.queryParam("from"), v -> instant(v, zone, false));
        Instant to = parse(errors, "to", ctx.queryParam("to"), v -> instant(v, zone, true));
        String rawLimit = ctx.queryParam("limit");
        Integer limit = rawLimit == null ? maxBars : parse(errors, "limit", rawLimit, Integer::valueOf);
        if (limit != null && (limit < 1 || limit > maxBars)) {
            errors.add(new FieldError("limit", "must be 1-" + maxBars + ", got " + limit));
        }
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new FieldError("from", "from must be before to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        ctx.contentType("application/json");
        BarsJsonWriter writer = new BarsJsonWriter(mapper, ctx::outputStream, symbol.value(), timeframe.code(), from, to);
        writer.finish(reader.stream(new Series(symbol, timeframe), from, to, limit, writer));
    }

    /** A date means its local midnight; as the end of a range, the midnight after it. */
    static Instant instant(String raw, ZoneId zone, boolean end) {
        try {
            LocalDate date = LocalDate.parse(raw);
            return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + raw + "' is neither a date (2026-11-02) nor an instant"
                        + " (2026-11-02T14:30:00Z)");
            }
        }
    }

    private static <T> T parse(List<FieldError> errors, String field, String raw, java.util.function.Function<String, T> f) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            return f.apply(raw.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }
}

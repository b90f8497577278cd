package dev.barfill.fetcher.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Bar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Yahoo v8 chart JSON: {@code chart.result[0].timestamp[]} in epoch seconds beside
 * parallel arrays {@code indicators.quote[0].open/high/low/close/volume} that may hold nulls.
 * Rows whose prices are all null are dropped; a row with some prices null is malformed and
 * dropped too (validation would refuse it anyway). Pure.
 */
public final class YahooChartParser {

    private YahooChartParser() {
    }

    /** The chart error object, or null when the answer has none. */
    public static String error(JsonNode root) {
        JsonNode error = root.path("chart").path("error");
        if (error.isMissingNode() || error.isNull()) {
            return null;
        }
        return error.path("code").asText("error") + ": " + error.path("description").asText("");
    }

    public static List<Bar> bars(JsonNode root) {
        JsonNode result = root.path("chart").path("result").path(0);
        if (result.isMissingNode() || result.isNull()) {
            throw new IllegalArgumentException("chart.result is missing");
        }
        JsonNode timestamps = result.path("timestamp");
        if (timestamps.isMissingNode() || timestamps.isNull()) {
            return List.of();  // Yahoo leaves the arrays out when the range holds no trades.
        }
        JsonNode quote = result.path("indicators").path("quote").path(0);
        JsonNode open = quote.path("open");
        JsonNode high = quote.path("high");
        JsonNode low = quote.path("low");
        JsonNode close = quote.path("close");
        JsonNode volume = quote.path("volume");
        List<Bar> bars = new ArrayList<>(timestamps.size());
        for (int i = 0; i < timestamps.size(); i++) {
            JsonNode o = open.path(i);
            JsonNode h = high.path(i);
            JsonNode l = low.path(i);
            JsonNode c = close.path(i);
            if (!o.isNumber() || !h.isNumber() || !l.isNumber() || !c.isNumber()) {
                continue;
            }
            long v = volume.path(i).isNumber() ? volume.path(i).asLong() : 0L;
            bars.add(new Bar(Instant.ofEpochSecond(timestamps.path(i).asLong()),
                    o.asDouble(), h.asDouble(), l.asDouble(), c.asDouble(), v));
        }
        return bars;
    }
}

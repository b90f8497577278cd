package dev.barfill.app.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.barfill.core.Bar;
import dev.barfill.core.Json;
import dev.barfill.core.Symbol;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The answer of the {@link SimulatorProfile#REALISTIC realistic} profile to a chart request: late
 * for some requests, weekly rows for {@code 1wk}, rows whose prices are all null written as JSON
 * nulls, as Yahoo writes them.
 */
final class RealisticAnswer {

    private RealisticAnswer() {
    }

    static void send(HttpExchange exchange, RealisticMarket untidy, Symbol symbol, String interval,
                     Duration step, Instant start, Instant end)
            throws IOException, InterruptedException {
        Duration delay = untidy.delay(symbol, interval, start, end);
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        List<ChartRow> rows = "1wk".equals(interval) ? untidy.weeklyRows(symbol, start, end)
                : untidy.rows(symbol, step, start, end);
        YahooSimulator.send(exchange, 200, chartRows(symbol, interval, rows));
    }

    /** A chart answer whose rows may have all prices null, written as Yahoo writes them: JSON nulls. */
    static byte[] chartRows(Symbol symbol, String interval, List<ChartRow> rows) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode chart = root.putObject("chart");
        ObjectNode result = chart.putArray("result").addObject();
        result.putObject("meta").put("currency", "USD").put("symbol", symbol.value()).put("exchangeName", "NMS")
                .put("exchangeTimezoneName", "America/New_York").put("dataGranularity", interval);
        ArrayNode ts = result.putArray("timestamp");
        ObjectNode quote = result.putObject("indicators").putArray("quote").addObject();
        ArrayNode open = quote.putArray("open");
        ArrayNode high = quote.putArray("high");
        ArrayNode low = quote.putArray("low");
        ArrayNode close = quote.putArray("close");
        ArrayNode volume = quote.putArray("volume");
        for (ChartRow row : rows) {
            ts.add(row.ts().getEpochSecond());
            Bar b = row.bar();
            if (b == null) {
                open.addNull();
                high.addNull();
                low.addNull();
                close.addNull();
                volume.addNull();
            } else {
                open.add(b.open());
                high.add(b.high());
                low.add(b.low());
                close.add(b.close());
                volume.add(b.volume());
            }
        }
        chart.putNull("error");
        return Json.mapper().writeValueAsBytes(root);
    }
}

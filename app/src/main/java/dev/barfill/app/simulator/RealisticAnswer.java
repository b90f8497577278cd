package dev.barfill.app.simulator;

import com.sun.net.httpserver.HttpExchange;
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
        YahooSimulator.send(exchange, 200, YahooSimulator.chartRows(symbol, interval, rows));
    }
}

package dev.barfill.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.barfill.core.Json;
import dev.barfill.core.calendar.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Yahoo-format chart server for an illiquid name, 15m only: in every session it leaves out the
 * intervals {@code i % 5 == 2}, sends the intervals {@code i % 7 == 3} as rows whose prices and
 * volume are all null (both are Yahoo's ways of saying "no trade"), and the zero-volume tick stamped
 * at the close once the session has closed. Only intervals that have ended by {@code clock} exist,
 * so a session under way gains bars as the clock moves.
 */
final class IlliquidYahooServer implements AutoCloseable {
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final Clock clock;
    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private final Set<String> agents = ConcurrentHashMap.newKeySet();

    IlliquidYahooServer(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v8/finance/chart/", this::chart);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    /** Every {@code User-Agent} a request came with; a request without one counts as {@code ""}. */
    Set<String> agents() {
        return Set.copyOf(agents);
    }

    /** The bars with prices this server has of {@code session} at {@code now}: what must be stored. */
    static List<Instant> tradedIntervals(Session session, Instant now) {
        List<Instant> out = new ArrayList<>();
        for (Instant ts : intervals(session, now)) {
            int i = index(session, ts);
            if (i % 5 != 2 && i % 7 != 3) {
                out.add(ts);
            }
        }
        return out;
    }

    private static List<Instant> intervals(Session session, Instant now) {
        List<Instant> out = new ArrayList<>();
        for (Instant ts = session.open(); ts.isBefore(session.close()) && !ts.plus(STEP).isAfter(now);
             ts = ts.plus(STEP)) {
            out.add(ts);
        }
        return out;
    }

    private static int index(Session session, Instant ts) {
        return (int) (Duration.between(session.open(), ts).toMinutes() / 15);
    }

    private void chart(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            agents.add(agent == null ? "" : agent);
            Map<String, String> q = query(exchange.getRequestURI());
            Instant start = Instant.ofEpochSecond(Long.parseLong(q.get("period1")));
            Instant end = Instant.ofEpochSecond(Long.parseLong(q.get("period2")));
            Instant now = clock.instant();
            ObjectNode root = Json.mapper().createObjectNode();
            ObjectNode chart = root.putObject("chart");
            ObjectNode result = chart.putArray("result").addObject();
            result.putObject("meta").put("currency", "USD").put("symbol", "ILLQ")
                    .put("exchangeTimezoneName", "America/New_York").put("dataGranularity", "15m");
            ArrayNode ts = result.putArray("timestamp");
            ObjectNode quote = result.putObject("indicators").putArray("quote").addObject();
            List<ArrayNode> prices = List.of(quote.putArray("open"), quote.putArray("high"), quote.putArray("low"),
                    quote.putArray("close"));
            ArrayNode volume = quote.putArray("volume");
            for (Session session : RecentSessions.XNYS.sessions(start.atZone(NEW_YORK).toLocalDate(),
                    end.atZone(NEW_YORK).toLocalDate())) {
                for (Instant t : intervals(session, now)) {
                    int i = index(session, t);
                    if (t.isBefore(start) || !t.isBefore(end) || i % 5 == 2) {
                        continue;
                    }
                    ts.add(t.getEpochSecond());
                    boolean traded = i % 7 != 3;
                    double p = 20 + i * 0.01;
                    addPrice(prices.get(0), traded, p);
                    addPrice(prices.get(1), traded, p + 0.05);
                    addPrice(prices.get(2), traded, p - 0.05);
                    addPrice(prices.get(3), traded, p + 0.02);
                    if (traded) {
                        volume.add(100 + i);
                    } else {
                        volume.addNull();
                    }
                }
                if (!now.isBefore(session.close()) && !session.close().isBefore(start) && !session.close().isAfter(end)) {
                    // Yahoo's closing tick: the last price again, stamped at the close, volume 0.
                    ts.add(session.close().getEpochSecond());
                    prices.forEach(a -> a.add(20.5));
                    volume.add(0);
                }
            }
            chart.putNull("error");
            byte[] body = Json.mapper().writeValueAsBytes(root);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void addPrice(ArrayNode a, boolean traded, double p) {
        if (traded) {
            a.add(p);
        } else {
            a.addNull();
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

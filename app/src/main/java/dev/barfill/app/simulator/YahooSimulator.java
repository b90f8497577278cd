package dev.barfill.app.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.barfill.core.Bar;
import dev.barfill.core.Json;
import dev.barfill.core.Symbol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on loopback that answers like Yahoo's v8 chart endpoint
 * ({@code /v8/finance/chart/{symbol}?period1=&period2=&interval=}), with a configurable
 * latency and injected faults ({@link SimulatorFaults}). {@code 1wk} answers one row per week
 * stamped on its Monday, as Yahoo does ({@link SimulatedWeeks}). Symbols starting with {@code ZZ} are
 * unknown, as delisted symbols are on Yahoo. Its {@link SimulatorProfile} is kind (full days, clean
 * answers) unless {@link #withProfile} makes it realistic. It counts the requests it answered and the 429s it sent.
 */
public final class YahooSimulator implements AutoCloseable {
    private static final Map<String, Duration> INTERVALS = Map.of(
            "1m", Duration.ofMinutes(1), "5m", Duration.ofMinutes(5), "15m", Duration.ofMinutes(15),
            "30m", Duration.ofMinutes(30), "1h", Duration.ofHours(1), "1d", Duration.ofDays(1),
            "1wk", Duration.ofDays(7));

    private final HttpServer server;
    private final ExecutorService workers;
    private final SimulatedMarket market;
    private final SimulatedWeeks weeks;
    private final Duration latency;
    private final AtomicLong requests = new AtomicLong();
    private final FaultInjector faults;
    private volatile Queue<Long> requestTimes;
    private final AtomicLong libraryAgentRequests = new AtomicLong();
    private volatile boolean refuseLibraryAgents;
    private volatile boolean alwaysRateLimited;
    private volatile int refusal;
    private volatile RealisticMarket realistic;

    public YahooSimulator(SimulatedMarket market, Duration latency, int port) throws IOException {
        this(market, SimulatorFaults.none(latency), port);
    }

    public YahooSimulator(SimulatedMarket market, SimulatorFaults faults, int port) throws IOException {
        this(market, faults, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Listens on {@code address}: all interfaces when it runs as its own service (docker compose). */
    public YahooSimulator(SimulatedMarket market, SimulatorFaults faults, InetSocketAddress address) throws IOException {
        this.market = market;
        this.weeks = new SimulatedWeeks(market);
        this.faults = new FaultInjector(faults);
        this.latency = faults.latency();
        this.server = HttpServer.create(address, 256);
        // Latency is slept in the handler: enough threads that slow answers overlap like a real API's.
        this.workers = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/v8/finance/chart/", this::chart);
    }

    public YahooSimulator start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Chart requests answered so far, faults included. */
    public long requests() {
        return requests.get();
    }

    /**
     * Keeps the arrival time ({@link System#nanoTime()}) of every request from now on, so a test can
     * measure the rate it was sent at over any window. Off by default: a long run would hold them all.
     */
    public YahooSimulator keepRequestTimes() {
        requestTimes = new ConcurrentLinkedQueue<>();
        return this;
    }

    /** The arrival times kept since {@link #keepRequestTimes()}, in arrival order. */
    public List<Long> requestTimes() {
        Queue<Long> times = requestTimes;
        return times == null ? List.of() : List.copyOf(times);
    }

    /** 429 answers sent so far: injected ones and those of the simulator's own rate limit. */
    public long rateLimited() {
        return faults.rateLimited();
    }

    /**
     * Answers a library {@code User-Agent} (okhttp, Java's HTTP client, python-requests, curl) with
     * 429, as Yahoo does whatever the rate. Off by default.
     */
    public YahooSimulator refuseLibraryAgents(boolean refuse) {
        this.refuseLibraryAgents = refuse;
        return this;
    }

    /** Answers every request 429, as Yahoo has for weeks at a time: the circuit breaker's case. */
    public YahooSimulator alwaysRateLimited(boolean always) {
        this.alwaysRateLimited = always;
        return this;
    }

    /** Answers every request with {@code status} (401 or 403; 0 to stop): a bad key or a blocked client. */
    public YahooSimulator refuseWith(int status) {
        if (status != 0 && status != 401 && status != 403) {
            throw new IllegalArgumentException("refuse with 401 or 403, got " + status);
        }
        this.refusal = status;
        return this;
    }

    /** Behaves as {@code profile} says, the realistic one with its default traits. */
    public YahooSimulator withProfile(SimulatorProfile profile) {
        return withProfile(profile, RealisticTraits.defaults());
    }

    /**
     * Behaves as {@code profile} says; {@code traits} tune the realistic profile, which also answers a
     * library User-Agent 429 whatever {@link #refuseLibraryAgents} says.
     */
    public YahooSimulator withProfile(SimulatorProfile profile, RealisticTraits traits) {
        this.realistic = profile == SimulatorProfile.REALISTIC ? new RealisticMarket(market.calendars(), traits) : null;
        return this;
    }

    public SimulatorProfile profile() {
        return realistic == null ? SimulatorProfile.KIND : SimulatorProfile.REALISTIC;
    }

    /** The realistic profile's data, which says exactly what was served; empty under the kind profile. */
    public Optional<RealisticMarket> realistic() {
        return Optional.ofNullable(realistic);
    }

    /** Requests that came with a library's User-Agent, refused or not. */
    public long libraryAgentRequests() {
        return libraryAgentRequests.get();
    }

    static boolean libraryAgent(String agent) {
        if (agent == null || agent.isBlank()) {
            return true;
        }
        String a = agent.toLowerCase(java.util.Locale.ROOT);
        return a.contains("okhttp") || a.contains("java") || a.contains("python") || a.contains("curl")
                || a.contains("go-http-client");
    }

    private void chart(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            Queue<Long> times = requestTimes;
            if (times != null) {
                times.add(System.nanoTime());
            }
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            boolean library = libraryAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
            if (library) {
                libraryAgentRequests.incrementAndGet();
            }
            if (refusal != 0) {
                send(exchange, refusal, refusal == 401 ? error("Unauthorized", "Invalid Crumb")
                        : error("Forbidden", "Access denied"));
                return;
            }
            RealisticMarket untidy = realistic;
            if (alwaysRateLimited || ((refuseLibraryAgents || untidy != null) && library)) {
                faults.countRateLimited();
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                byte[] body = "Too Many Requests".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(429, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (faults.answered(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String rawSymbol = path.substring(path.lastIndexOf('/') + 1);
            Map<String, String> q = query(exchange.getRequestURI());
            Duration step = INTERVALS.get(q.getOrDefault("interval", ""));
            if (step == null || !q.containsKey("period1") || !q.containsKey("period2")) {
                send(exchange, 400, error("Bad Request", "Invalid input - interval, period1 and period2 are required"));
                return;
            }
            Symbol symbol;
            try {
                symbol = Symbol.parse(rawSymbol);
            } catch (IllegalArgumentException e) {
                send(exchange, 404, error("Not Found", "No data found, symbol may be delisted"));
                return;
            }
            if (symbol.value().startsWith("ZZ")) {
                send(exchange, 404, error("Not Found", "No data found, symbol may be delisted"));
                return;
            }
            Instant start = Instant.ofEpochSecond(Long.parseLong(q.get("period1")));
            Instant end = Instant.ofEpochSecond(Long.parseLong(q.get("period2")));
            if (untidy != null) {
                RealisticAnswer.send(exchange, untidy, symbol, q.get("interval"), step, start, end);
                return;
            }
            List<Bar> bars = q.get("interval").equals("1wk") ? weeks.rows(symbol, start, end)
                    : market.bars(symbol, step, start, end);
            send(exchange, 200, chart(symbol, q.get("interval"), bars));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, error("Internal", e.toString()));
        }
    }

    static byte[] chart(Symbol symbol, String interval, List<Bar> bars) throws IOException {
        return chartRows(symbol, interval, bars.stream().map(ChartRow::of).toList());
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

    static byte[] error(String code, String description) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode chart = root.putObject("chart");
        chart.putNull("result");
        chart.putObject("error").put("code", code).put("description", description);
        return Json.mapper().writeValueAsBytes(root);
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}

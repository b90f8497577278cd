package dev.barfill.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider in front of the simulator whose answers a test can change per symbol: refuse a symbol
 * (HTTP 404, as for an unknown one), fail it (503, a passing outage) a number of times, answer it
 * slowly, and let it through again; everything else is passed on to the simulator unchanged.
 */
final class ProviderSwitch implements AutoCloseable {
    private record Rule(int status, AtomicInteger remaining) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<String> target = new AtomicReference<>();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, java.time.Duration> delays = new ConcurrentHashMap<>();

    ProviderSwitch() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "provider-switch");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where requests that are let through go. */
    void forwardTo(String simulatorBaseUrl) {
        target.set(simulatorBaseUrl);
    }

    /** Answers {@code status} for {@code symbol} the next {@code times} requests (Integer.MAX_VALUE: until cleared). */
    void fail(String symbol, int status, int times) {
        rules.put(symbol, new Rule(status, new AtomicInteger(times)));
    }

    void clear(String symbol) {
        rules.remove(symbol);
        delays.remove(symbol);
    }

    /** Answers requests for {@code symbol} only after {@code delay}: its days stay in flight meanwhile. */
    void delay(String symbol, java.time.Duration delay) {
        delays.put(symbol, delay);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String symbol = path.substring(path.lastIndexOf('/') + 1);
            java.time.Duration delay = delays.get(symbol);
            if (delay != null) {
                // A slow provider, not a synchronisation: the test waits on the job, never on this.
                Thread.sleep(delay.toMillis());
            }
            Rule rule = rules.get(symbol);
            if (rule != null && rule.remaining().getAndDecrement() > 0) {
                byte[] body = ("{\"chart\":{\"result\":null,\"error\":{\"code\":\"" + rule.status()
                        + "\",\"description\":\"switched off by the test\"}}}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(rule.status(), body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            HttpResponse<byte[]> forwarded = client.send(HttpRequest.newBuilder(
                    URI.create(target.get() + exchange.getRequestURI())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(forwarded.statusCode(), forwarded.body().length);
            exchange.getResponseBody().write(forwarded.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

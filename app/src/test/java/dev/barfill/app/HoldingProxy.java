package dev.barfill.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider in front of the simulator that can be told to hold: while a hold lasts every request
 * is answered 429 with a {@code Retry-After} of the seconds left, as a provider that has closed
 * its quota window; otherwise requests are passed to the simulator unchanged.
 */
final class HoldingProxy implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "holding-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong refused = new AtomicLong();
    private volatile String target;
    private volatile Instant holdUntil = Instant.MIN;

    HoldingProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Where requests go when no hold is on; returns this proxy's own URL. */
    String forwardTo(String targetUrl) {
        this.target = targetUrl;
        return url();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, for {@code length}, every request is answered 429; returns when the hold ends. */
    Instant hold(Duration length) {
        holdUntil = Instant.now().plus(length);
        return holdUntil;
    }

    boolean holding() {
        return Instant.now().isBefore(holdUntil);
    }

    /** Requests answered 429 so far. */
    long refused() {
        return refused.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Duration left = Duration.between(Instant.now(), holdUntil);
            if (!left.isNegative() && !left.isZero()) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, (left.toMillis() + 999) / 1000)));
                send(exchange, 429, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Too Many Requests\"}}}".getBytes());
                return;
            }
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            send(exchange, r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}

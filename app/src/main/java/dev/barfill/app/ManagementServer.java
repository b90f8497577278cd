package dev.barfill.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.barfill.api.HealthCheck;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The management endpoints every role serves on {@code management.port}: {@code /health/live}
 * (the process answers), {@code /health/ready} (200 when every check of the role is up, else 503,
 * with each check's state) and {@code /metrics} (Prometheus text). The JDK's own HTTP server: it
 * must keep answering while the role's own threads are busy or stuck, and needs nothing else.
 */
public final class ManagementServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;

    private ManagementServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public static ManagementServer start(String host, int port, PrometheusMeterRegistry metrics,
                                         List<HealthCheck> readiness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        List<HealthCheck> checks = List.copyOf(readiness);
        server.createContext("/health/live", ex -> answer(ex, 200, "application/json",
                JSON.writeValueAsBytes(Map.of("status", "UP"))));
        server.createContext("/health/ready", ex -> {
            Map<String, HealthCheck.Status> states = new LinkedHashMap<>();
            boolean up = true;
            for (HealthCheck check : checks) {
                HealthCheck.Status s = check.check();
                states.put(check.name(), s);
                up &= s.up();
            }
            answer(ex, up ? 200 : 503, "application/json",
                    JSON.writeValueAsBytes(Map.of("status", up ? "UP" : "DOWN", "checks", states)));
        });
        server.createContext("/metrics", ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8)));
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "management-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
        return new ManagementServer(server, threads);
    }

    private static void answer(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            // An exact path only: /health/readyx is not /health/ready.
            if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

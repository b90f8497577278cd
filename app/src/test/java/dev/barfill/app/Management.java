package dev.barfill.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A role's management endpoints on {@code 127.0.0.1:port}, as Prometheus and a health check see them. */
record Management(int port) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Answer(int status, String body) {
    }

    /** The answer to {@code GET path}; status -1 when nothing answers (connection refused, timeout). */
    Answer get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    int ready() {
        return get("/health/ready").status();
    }

    String metrics() {
        return get("/metrics").body();
    }
}

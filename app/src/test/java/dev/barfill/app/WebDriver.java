package dev.barfill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barfill.core.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API with plain JSON calls:
 * no Selenium, nothing downloaded at test time. Needs Debian's {@code chromium} and
 * {@code chromium-driver} packages.
 */
final class WebDriver implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Process driver;
    private final String base;
    private final String session;

    WebDriver(Path profileDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(profileDir.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        org.awaitility.Awaitility.await("chromedriver ready").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> call("GET", "/status", null).path("ready").asBoolean());
        ObjectNode caps = Json.mapper().createObjectNode();
        caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .putObject("goog:chromeOptions").put("binary", CHROMIUM.toString())
                .set("args", Json.mapper().valueToTree(List.of("--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run", "--disable-component-update",
                        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.resolve("profile"))));
        session = call("POST", "/session", caps).path("sessionId").asText();
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    String find(String css) throws Exception {
        return call("POST", "/session/" + session + "/element", Map.of("using", "css selector", "value", css))
                .path(ELEMENT).asText();
    }

    void type(String css, String text) throws Exception {
        String element = find(css);
        call("POST", "/session/" + session + "/element/" + element + "/clear", Map.of());
        call("POST", "/session/" + session + "/element/" + element + "/value", Map.of("text", text));
    }

    void click(String css) throws Exception {
        call("POST", "/session/" + session + "/element/" + find(css) + "/click", Map.of());
    }

    /** Saves what the page shows now as a PNG at {@code file}. */
    void screenshot(Path file) throws Exception {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.write(file, java.util.Base64.getDecoder().decode(
                call("GET", "/session/" + session + "/screenshot", null).asText()));
    }

    void resize(int width, int height) throws Exception {
        call("POST", "/session/" + session + "/window/rect", Map.of("width", width, "height", height));
    }

    /** Runs {@code script} in the page and returns what it returns, as JSON. */
    JsonNode script(String script) throws Exception {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of()));
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
        HttpResponse<byte[]> response = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode value = Json.mapper().readTree(response.body()).path("value");
        if (response.statusCode() >= 400) {
            throw new IOException("WebDriver " + method + " " + path + ": HTTP " + response.statusCode() + " "
                    + value.path("message").asText());
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        }
    }
}

package dev.barfill.api;

import dev.barfill.store.BarsReader;
import dev.barfill.store.CoverageReader;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real API server in front of a database and a broker that do not exist: whatever a
 * request gets without reaching them (validation, auth, rate limits, static documents) is
 * exactly what production answers; anything that does reach them fails with a 503.
 */
final class OfflineApi implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final ApiServer server;
    private final RequestPublisher publisher;
    private final JobProgressView jobs;

    OfflineApi(ApiConfig config) {
        this(config, false);
    }

    /** @param withReadiness whether {@code /health/ready} checks the (missing) database and the job view */
    OfflineApi(ApiConfig config, boolean withReadiness) {
        CalendarRegistry calendars = CalendarRegistry.defaults();
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none");
        KafkaSettings kafka = KafkaSettings.local("127.0.0.1:1");
        publisher = new RequestPublisher(kafka, Duration.ofMillis(500));
        jobs = new JobProgressView(kafka);
        CoverageService coverage = new CoverageService(new CoverageRequestValidator(calendars, config.windowSizes(), Clock.systemUTC()),
                calendars, new CoverageReader(nowhere), publisher);
        List<HealthCheck> readiness = withReadiness
                ? List.of(HealthChecks.database(nowhere, Duration.ofSeconds(1)), HealthChecks.jobView(jobs)) : List.of();
        server = new ApiServer(config, new ApiServer.Services(coverage, jobs,
                new BarsController(new BarsReader(nowhere), calendars, 1000),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), readiness)).start();
    }

    JobProgressView jobs() {
        return jobs;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Override
    public void close() throws Exception {
        server.close();
        publisher.close();
        jobs.close();
    }
}

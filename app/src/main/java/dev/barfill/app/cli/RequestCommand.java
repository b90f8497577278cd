package dev.barfill.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.ApiException;
import dev.barfill.api.RequestPublisher;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.WindowSizes;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.time.Clocks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code barfill request SYMBOL}: ensure coverage through the API, or, with
 * {@code --bootstrap-servers}, by producing the request straight onto Kafka (validated here
 * first, so a typo never reaches the dead-letter topic). The cluster is then reached with the
 * {@code kafka.client.*} settings of {@code --config}, {@code BARFILL_KAFKA_CLIENT_*} and
 * {@code --set} (security protocol, SASL, TLS), as every role reaches it.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = "Ensure coverage of one symbol; prints the answer and the job id when something is missing.")
public final class RequestCommand implements Callable<Integer> {
    /** The API's default window cap, so both paths refuse the same requests. */

    @Parameters(index = "0", description = "The symbol, e.g. AAPL.")
    String symbol;

    @Mixin
    WindowOptions window;

    @Mixin
    ApiOptions api;

    /** With --bootstrap-servers: kafka.client.* settings (SASL, TLS) from the file, the environment or --set. */
    @Mixin
    SettingsOptions settings;

    @Option(names = "--bootstrap-servers", description = "Produce onto this Kafka cluster instead of calling the API.")
    String bootstrapServers;

    @Option(names = "--topic-prefix",
            description = "Topic prefix with --bootstrap-servers (default: kafka.topic-prefix, else barfill.).")
    String topicPrefix;

    @Option(names = "--refresh", description = "Fetch every trading day of the window again, settled or not.")
    boolean refresh;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CoverageRequest request = window.request(symbol).withRefresh(refresh);
        if (bootstrapServers != null) {
            return produce(request);
        }
        JsonNode a = api.client().ensureCoverage(request);
        var out = spec.commandLine().getOut();
        if (a.path("hasCoverage").asBoolean() && a.path("jobId").isTextual()) {
            out.printf("%s %s covered: %d/%d trading days %s..%s; job %s fetches them again%n",
                    a.path("symbol").asText(), a.path("timeframe").asText(), a.path("coveredDays").asInt(),
                    a.path("tradingDays").asInt(), a.path("from").asText(), a.path("to").asText(),
                    a.path("jobId").asText());
        } else if (a.path("hasCoverage").asBoolean()) {
            out.printf("%s %s covered: %d/%d trading days %s..%s%n", a.path("symbol").asText(),
                    a.path("timeframe").asText(), a.path("coveredDays").asInt(), a.path("tradingDays").asInt(),
                    a.path("from").asText(), a.path("to").asText());
        } else {
            out.printf("%s %s: %d/%d trading days stored; job %s fills %s..%s%n", a.path("symbol").asText(),
                    a.path("timeframe").asText(), a.path("coveredDays").asInt(), a.path("tradingDays").asInt(),
                    a.path("jobId").asText(), a.path("from").asText(), a.path("to").asText());
        }
        if (a.path("sparseDays").asInt() > 0) {
            out.printf("%d settled days have fewer bars than a full session (no trades in some intervals): %s%n",
                    a.path("sparseDays").asInt(), a.path("sparseDates"));
        }
        return 0;
    }

    private int produce(CoverageRequest request) {
        CalendarRegistry calendars = CalendarRegistry.defaults();
        CoverageWindow resolved;
        try {
            resolved = new CoverageRequestValidator(calendars,
                    WindowSizes.standard(HistoryLimits.yahoo()), Clocks.fromEnvironment()).validate(request);
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        KafkaSettings kafka = kafka();
        requireTopic(kafka, kafka.topics().coverageRequests.name());
        try (RequestPublisher publisher = new RequestPublisher(kafka, Duration.ofSeconds(30))) {
            publisher.publish(resolved.series().key(), request.resolvedTo(resolved));
        } catch (ApiException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("queued on %s: %s %s..%s; job %s (unless already covered)%n",
                kafka.topics().coverageRequests.name(), resolved.series().key(), resolved.from(), resolved.to(),
                resolved.jobId());
        return 0;
    }

    /**
     * The cluster to produce onto: {@code --bootstrap-servers} and {@code --topic-prefix} winning over
     * {@code kafka.bootstrap-servers} and {@code kafka.topic-prefix}, with the {@code kafka.client.*}
     * settings; a misspelt {@code kafka.} or {@code db.} key is refused by name.
     */
    KafkaSettings kafka() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap-servers", bootstrapServers);
        if (topicPrefix != null) {
            options.put("kafka.topic-prefix", topicPrefix);
        }
        RoleConfigs configs = settings.load(options);
        KafkaSettings kafka = configs.kafka();
        configs.rejectUnknown();
        return kafka;
    }

    /** Producing to a missing topic could auto-create it with the broker's defaults, not barfill's spec. */
    private void requireTopic(KafkaSettings kafka, String topic) {
        try (Admin admin = Admin.create(KafkaClients.admin(kafka))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers
                        + ": start barfill against this cluster first, or check --topic-prefix");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}

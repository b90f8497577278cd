package dev.barfill.api;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobCommand;
import dev.barfill.core.Json;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts validated requests on {@code coverage-requests} and job commands on {@code job-commands};
 * answers only once Kafka has them.
 */
public final class RequestPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final Duration timeout;

    public RequestPublisher(KafkaSettings kafka, Duration timeout) {
        this.producer = new KafkaProducer<>(KafkaClients.durableProducer(kafka, "barfill-api"),
                new StringSerializer(), new ByteArraySerializer());
        this.topics = kafka.topics();
        this.timeout = timeout;
    }

    public void publish(String seriesKey, CoverageRequest request) {
        send(topics.coverageRequests.name(), seriesKey, request);
    }

    /** Puts a command on {@code job-commands} under the job's series key, where the planner holds the job. */
    public void publish(String seriesKey, JobCommand command) {
        send(topics.jobCommands.name(), seriesKey, command);
    }

    private void send(String topic, String seriesKey, Object record) {
        try {
            byte[] value = Json.mapper().writeValueAsBytes(record);
            producer.send(new ProducerRecord<>(topic, seriesKey, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while queueing the request");
        } catch (ExecutionException | TimeoutException | java.io.IOException e) {
            throw ApiException.unavailable("could not queue the request: " + e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

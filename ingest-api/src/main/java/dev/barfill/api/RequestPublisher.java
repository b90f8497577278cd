package dev.barfill.api;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.JobCommand;
import dev.barfill.core.Schedule;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts validated requests on {@code coverage-requests} and job commands on {@code job-commands};
 * answers only once Kafka has them.
 */
public final class RequestPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final Duration timeout;

    public RequestPublisher(KafkaSettings kafka, Duration timeout) {
        this.topics = kafka.topics();
        // Values arrive as bytes already written by their topic's serde (Topic.record, Topics.coverageRequest).
        this.producer = new KafkaProducer<>(KafkaClients.durableProducer(kafka, "barfill-api"),
                topics.jobCommands.keySerde().serializer(), new ByteArraySerializer());
        this.timeout = timeout;
    }

    /** The producer, for its client metrics. */
    public org.apache.kafka.clients.producer.Producer<String, byte[]> producer() {
        return producer;
    }

    public void publish(String seriesKey, CoverageRequest request) {
        send(topics.coverageRequest(seriesKey, request));
    }

    /** Puts a command on {@code job-commands} under the job's series key, where the planner holds the job. */
    public void publish(String seriesKey, JobCommand command) {
        send(topics.jobCommands.record(seriesKey, command));
    }

    /** Puts a schedule on the compacted {@code schedules} topic under its name, replacing any of that name. */
    public void publish(Schedule schedule) {
        send(topics.schedules.record(schedule.name(), schedule));
    }

    /** A tombstone for the schedule: the planner stops firing it, compaction removes it. */
    public void deleteSchedule(String name) {
        send(topics.schedules.record(name, null));
    }

    /** Sends a record whose value its topic's serde wrote, and waits for the acknowledgement. */
    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while queueing the request");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw ApiException.unavailable("could not queue the request: " + e);
        }
    }

    /**
     * Sends every record at once and waits for all acknowledgements, so a bulk request costs one
     * round trip rather than one per symbol.
     *
     * @return for each key that could not be queued, why; empty when all were acknowledged
     */
    public Map<String, String> publishAll(List<Map.Entry<String, CoverageRequest>> requests) {
        Map<String, Future<?>> sent = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Map.Entry<String, CoverageRequest> r : requests) {
            try {
                sent.put(r.getKey(), producer.send(topics.coverageRequest(r.getKey(), r.getValue())));
            } catch (RuntimeException e) {
                failures.put(r.getKey(), "could not queue the request: " + e);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Future<?>> f : sent.entrySet()) {
            try {
                f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.unavailable("interrupted while queueing the requests");
            } catch (ExecutionException | TimeoutException e) {
                failures.put(f.getKey(), "could not queue the request: " + e);
            }
        }
        return failures;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

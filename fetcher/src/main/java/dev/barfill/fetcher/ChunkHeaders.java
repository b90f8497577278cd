package dev.barfill.fetcher;

import dev.barfill.core.ChunkTask;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of the records the fetcher writes to the retry tiers and the dead-letter topic,
 * readable in Kafka UI. The value ({@link ChunkTask}) carries the same facts for consumers that
 * read only values.
 */
public final class ChunkHeaders {
    public static final String ATTEMPT = "barfill.attempt";
    public static final String NOT_BEFORE = "barfill.not-before";
    public static final String ERROR_CLASS = "barfill.error.class";
    public static final String ERROR_MESSAGE = "barfill.error.message";
    public static final String SOURCE_TOPIC = "barfill.source.topic";
    public static final String SOURCE_PARTITION = "barfill.source.partition";
    public static final String SOURCE_OFFSET = "barfill.source.offset";

    /** Error classes: waiting may help, it will not, or the retry budget is spent. */
    public static final String TRANSIENT = "TRANSIENT";
    public static final String PERMANENT = "PERMANENT";
    public static final String EXHAUSTED = "RETRIES_EXHAUSTED";

    private ChunkHeaders() {
    }

    /** For a retry tier: the next attempt, when it may run and why the last one failed. */
    public static Headers retry(ChunkTask next, String error) {
        Headers h = new RecordHeaders();
        put(h, ATTEMPT, Integer.toString(next.attempt()));
        put(h, NOT_BEFORE, String.valueOf(next.notBefore()));
        put(h, ERROR_CLASS, TRANSIENT);
        put(h, ERROR_MESSAGE, error);
        return h;
    }

    /** For the dead-letter topic: what failed, how often and where the chunk was read. */
    public static Headers deadLetter(ChunkTask task, String errorClass, String error, ConsumerRecord<?, ?> source) {
        Headers h = new RecordHeaders();
        put(h, ATTEMPT, Integer.toString(task.attempt()));
        put(h, ERROR_CLASS, errorClass);
        put(h, ERROR_MESSAGE, error);
        put(h, SOURCE_TOPIC, source.topic());
        put(h, SOURCE_PARTITION, Integer.toString(source.partition()));
        put(h, SOURCE_OFFSET, Long.toString(source.offset()));
        return h;
    }

    /** The header's value as text, or null. */
    public static String text(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.barfill.core.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one dead-letter convention of every barfill DLQ ({@code coverage-requests.dlq},
 * {@code chunk-events.dlq}, {@code job-commands.dlq}, {@code chunks.dlq}, {@code bars.dlq}), as
 * Kafka Connect's {@code __connect.errors.*} is one: the record keeps its original key, value and
 * headers, and gains these headers, UTF-8 text readable in Kafka UI. {@link #stripped} takes them
 * off again for a replay.
 */
public final class DeadLetters {
    /** Prefix of every error header. */
    public static final String ERROR_PREFIX = "barfill.error.";
    /** Prefix of the headers that say where the record was read. */
    public static final String SOURCE_PREFIX = "barfill.source.";

    /** Why, in words a person can act on. */
    public static final String REASON = "barfill.error.reason";
    /** What kind of failure: one of {@link ErrorClass}. */
    public static final String CLASS = "barfill.error.class";
    /** The Java exception behind it, when there was one. */
    public static final String EXCEPTION = "barfill.error.exception";
    /** The request field at fault, for refused requests. */
    public static final String FIELD = "barfill.error.field";
    /** PostgreSQL's SQLState, for days the database refused. */
    public static final String SQLSTATE = "barfill.error.sqlstate";
    /** The stage that gave up: planner, fetcher or sink. */
    public static final String STAGE = "barfill.error.stage";
    /** When the record first failed (for chunks: the first failed attempt). */
    public static final String FIRST_FAILED_AT = "barfill.error.first-failed-at";
    /** When it failed for the last time, that is when it was dead-lettered. */
    public static final String LAST_FAILED_AT = "barfill.error.last-failed-at";
    public static final String SOURCE_TOPIC = "barfill.source.topic";
    public static final String SOURCE_PARTITION = "barfill.source.partition";
    public static final String SOURCE_OFFSET = "barfill.source.offset";
    /** Attempts made so far (1 for a record that failed on its first try). */
    public static final String ATTEMPT = "barfill.attempt";
    /** On retry tiers: the earliest time the next attempt may run. */
    public static final String NOT_BEFORE = "barfill.not-before";
    /** Set by a replay: the DLQ record it came from, {@code topic/partition@offset}. */
    public static final String REPLAYED_FROM = "barfill.replayed-from";

    /** Kinds of failure, in {@link #CLASS}. */
    public enum ErrorClass {
        /** Decoded, but not a valid record (a request naming an unknown timeframe, say). */
        INVALID,
        /** Not decodable at all. */
        UNDECODABLE,
        /** A processor threw on it: a bug or a case nobody foresaw. */
        PROCESSING,
        /** A failure that waiting may cure (429, 5xx, timeout); on retry tiers only. */
        TRANSIENT,
        /** A failure that waiting will not cure (unknown symbol, 4xx). */
        PERMANENT,
        /** Transient failures until the retry budget was spent. */
        RETRIES_EXHAUSTED,
        /** The database refused it (constraint, bad value). */
        REFUSED_BY_DATABASE
    }

    /**
     * Why and where a record failed.
     *
     * @param stage      planner, fetcher or sink
     * @param field      the request field at fault, or null
     * @param exception  the exception class name, or null
     * @param sqlState   PostgreSQL's SQLState, or null
     * @param attempt    attempts made so far, at least 1
     * @param firstAt    the first failure, or null for {@code lastAt}
     * @param lastAt     this failure
     */
    public record Failure(String stage, ErrorClass errorClass, String reason, String field, String exception,
                          String sqlState, int attempt, Instant firstAt, Instant lastAt) {
        public Failure {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(errorClass, "errorClass");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(lastAt, "lastAt");
            attempt = Math.max(1, attempt);
            firstAt = firstAt == null ? lastAt : firstAt;
        }

        /** A failure on the first attempt, with nothing but a reason. */
        public static Failure of(String stage, ErrorClass errorClass, String reason, Instant at) {
            return new Failure(stage, errorClass, reason, null, null, null, 1, at, at);
        }

        public Failure withField(String field) {
            return new Failure(stage, errorClass, reason, field, exception, sqlState, attempt, firstAt, lastAt);
        }

        public Failure withException(Throwable e) {
            return new Failure(stage, errorClass, reason, field, e == null ? null : e.getClass().getName(), sqlState,
                    attempt, firstAt, lastAt);
        }

        public Failure withSqlState(String sqlState) {
            return new Failure(stage, errorClass, reason, field, exception, sqlState, attempt, firstAt, lastAt);
        }

        public Failure withAttempts(int attempt, Instant firstAt) {
            return new Failure(stage, errorClass, reason, field, exception, sqlState, attempt, firstAt, lastAt);
        }
    }

    private DeadLetters() {
    }

    /**
     * The headers of a dead letter: the original ones without any earlier error headers, then the
     * failure and where the record was read ({@code sourceTopic} null when unknown).
     */
    public static Headers headers(Headers original, Failure failure, String sourceTopic, int sourcePartition,
                                  long sourceOffset) {
        Headers h = stripped(original);
        put(h, REASON, failure.reason());
        put(h, CLASS, failure.errorClass().name());
        put(h, STAGE, failure.stage());
        putIfSet(h, FIELD, failure.field());
        putIfSet(h, EXCEPTION, failure.exception());
        putIfSet(h, SQLSTATE, failure.sqlState());
        put(h, ATTEMPT, Integer.toString(failure.attempt()));
        put(h, FIRST_FAILED_AT, failure.firstAt().toString());
        put(h, LAST_FAILED_AT, failure.lastAt().toString());
        if (sourceTopic != null) {
            put(h, SOURCE_TOPIC, sourceTopic);
            put(h, SOURCE_PARTITION, Integer.toString(sourcePartition));
            put(h, SOURCE_OFFSET, Long.toString(sourceOffset));
        }
        return h;
    }

    /**
     * The headers without any of this convention's error, source, attempt and retry headers: what a
     * replayed record carries back into the pipeline, so it starts with a full budget.
     */
    public static Headers stripped(Headers original) {
        Headers h = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                if (!isPipelineHeader(header.key())) {
                    h.add(header);
                }
            }
        }
        return h;
    }

    /** Whether {@code key} is one of the headers this convention writes. */
    public static boolean isPipelineHeader(String key) {
        return key.startsWith(ERROR_PREFIX) || key.startsWith(SOURCE_PREFIX) || key.equals(ATTEMPT)
                || key.equals(NOT_BEFORE) || key.equals(REPLAYED_FROM);
    }

    /** The header's last value as text, or null. */
    public static String text(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void putIfSet(Headers h, String key, String value) {
        if (value != null) {
            put(h, key, value);
        }
    }

    private static void put(Headers h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

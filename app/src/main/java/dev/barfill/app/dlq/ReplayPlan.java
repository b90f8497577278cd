package dev.barfill.app.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barfill.core.Json;
import dev.barfill.core.kafka.DeadLetters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which dead-lettered records go back, and how: the original key and value to the topic the DLQ
 * belongs to ({@code barfill.chunks.dlq} to {@code barfill.chunks}, and so for every DLQ); the
 * headers of the {@link DeadLetters} convention (error, source, attempt, not-before) are dropped
 * and {@code barfill.replayed-from} says where the record came from. A chunk starts over: its
 * {@code attempt} goes back to 1 and its {@code notBefore} is cleared, so it gets the full retry
 * budget; any other value goes back byte for byte. Pure: no Kafka types, so the rules are tested
 * on their own.
 */
public final class ReplayPlan {
    public static final String DLQ_SUFFIX = ".dlq";
    public static final String REPLAYED_FROM = DeadLetters.REPLAYED_FROM;
    /** Header prefix of older dead letters ({@code barfill.error.source} and such); not carried back either. */
    static final String ERROR_HEADERS = "barfill.error";

    /** One record to produce. */
    public record Replay(String topic, String key, Map<String, String> headers, byte[] value) {
    }

    private ReplayPlan() {
    }

    /** The topic a DLQ feeds back into: its name without {@code .dlq}. */
    public static String targetOf(String dlqTopic) {
        if (!dlqTopic.endsWith(DLQ_SUFFIX)) {
            throw new IllegalArgumentException(dlqTopic + " is not a dead-letter topic (its name must end in .dlq)");
        }
        return dlqTopic.substring(0, dlqTopic.length() - DLQ_SUFFIX.length());
    }

    /**
     * @param positions {@code partition@offset} of the records to replay; empty with {@code key}
     *                  null means every record
     * @param key       only records with this key, or null
     */
    public static List<Replay> select(List<DlqRecord> records, Set<String> positions, String key) {
        for (String p : positions) {
            if (records.stream().noneMatch(r -> r.position().equals(p))) {
                throw new IllegalArgumentException("--offset " + p + ": no such record in the dead-letter topic");
            }
        }
        return records.stream()
                .filter(r -> positions.isEmpty() || positions.contains(r.position()))
                .filter(r -> key == null || key.equals(r.key()))
                .map(ReplayPlan::replayOf)
                .toList();
    }

    static Replay replayOf(DlqRecord r) {
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> {
            if (!k.startsWith(ERROR_HEADERS) && !DeadLetters.isPipelineHeader(k)) {
                headers.put(k, v);
            }
        });
        headers.put(REPLAYED_FROM, r.topic() + "/" + r.position());
        return new Replay(targetOf(r.topic()), r.key(), headers, fresh(r.value()));
    }

    /**
     * A chunk (a JSON object with an {@code attempt}) as on its first try: attempt 1, no not-before.
     * Anything else, undecodable bytes included, is returned untouched.
     */
    static byte[] fresh(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode tree = Json.mapper().readTree(value);
            if (tree instanceof ObjectNode chunk && chunk.has("attempt")) {
                chunk.put("attempt", 1);
                chunk.putNull("notBefore");
                return Json.mapper().writeValueAsBytes(chunk);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not JSON: it goes back as it came, and the stage refuses it again if it still cannot read it.
        }
        return value;
    }
}

package dev.barfill.app.dlq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which dead-lettered records go back, and how: the original key and value, unchanged, to the
 * topic the DLQ belongs to ({@code barfill.chunks.dlq} to {@code barfill.chunks}); the error
 * headers are dropped and {@code barfill.replayed-from} says where the record came from.
 * Pure: no Kafka types, so the selection rules are tested on their own.
 */
public final class ReplayPlan {
    public static final String DLQ_SUFFIX = ".dlq";
    public static final String REPLAYED_FROM = "barfill.replayed-from";
    /** Header prefix of the reasons written by the pipeline; not carried back into it. */
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
            if (!k.startsWith(ERROR_HEADERS) && !k.equals(REPLAYED_FROM)) {
                headers.put(k, v);
            }
        });
        headers.put(REPLAYED_FROM, r.topic() + "/" + r.position());
        return new Replay(targetOf(r.topic()), r.key(), headers, r.value());
    }
}

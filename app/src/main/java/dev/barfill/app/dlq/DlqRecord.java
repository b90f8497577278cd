package dev.barfill.app.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One dead-lettered record as it sits in its DLQ topic.
 *
 * @param headers the record's headers decoded as UTF-8, in order (the reason, the source, ...)
 */
public record DlqRecord(String topic, int partition, long offset, Instant timestamp, String key,
                        Map<String, String> headers, byte[] value) {

    /** {@code partition@offset}, how {@code dlq replay --offset} names a record. */
    public String position() {
        return partition + "@" + offset;
    }

    /** A few lines for a terminal: where, when, key, every header, the value cut to {@code maxValue} characters. */
    public String describe(int maxValue) {
        StringBuilder s = new StringBuilder();
        s.append(topic).append(' ').append(position()).append("  ").append(timestamp).append("  key=").append(key);
        headers.forEach((k, v) -> s.append("\n  ").append(k).append(": ").append(v));
        String text = value == null ? "(null)" : new String(value, StandardCharsets.UTF_8);
        if (text.length() > maxValue) {
            text = text.substring(0, maxValue) + "... (" + value.length + " bytes)";
        }
        return s.append("\n  value: ").append(text).toString();
    }
}

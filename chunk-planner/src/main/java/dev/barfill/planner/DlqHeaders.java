package dev.barfill.planner;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Headers that say why and where a record was refused, readable in Kafka UI. */
final class DlqHeaders {
    static final String REASON = "barfill.error.reason";
    static final String FIELD = "barfill.error.field";
    static final String SOURCE = "barfill.error.source";

    private DlqHeaders() {
    }

    static Headers of(Headers original, String field, String reason, RecordMetadata source) {
        Headers h = new RecordHeaders(original.toArray());
        h.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        if (field != null) {
            h.add(FIELD, field.getBytes(StandardCharsets.UTF_8));
        }
        if (source != null) {
            String where = source.topic() + "/" + source.partition() + "@" + source.offset();
            h.add(SOURCE, where.getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }
}

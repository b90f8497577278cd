package dev.barfill.sink;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Dead-letter records for {@code bars.dlq}: the original bytes, key and headers, plus why and where. */
final class SinkDlq {
    static final String REASON = "barfill.error.reason";
    static final String SQLSTATE = "barfill.error.sqlstate";
    static final String SOURCE = "barfill.error.source";
    static final String STAGE = "barfill.error.stage";

    private SinkDlq() {
    }

    static ProducerRecord<String, byte[]> of(String topic, ConsumerRecord<String, byte[]> original, String reason,
                                             String sqlState) {
        Headers h = new RecordHeaders(original.headers().toArray());
        h.add(REASON, utf8(reason));
        if (sqlState != null) {
            h.add(SQLSTATE, utf8(sqlState));
        }
        h.add(SOURCE, utf8(original.topic() + "/" + original.partition() + "@" + original.offset()));
        h.add(STAGE, utf8("sink"));
        return new ProducerRecord<>(topic, null, original.key(), original.value(), h);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

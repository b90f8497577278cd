package dev.barfill.core.kafka;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A record as received, with its decoded value or the reason it could not be decoded. The raw
 * bytes stay at hand so that a refused record reaches its dead-letter topic exactly as sent.
 *
 * @param value       the decoded value, null when undecodable or a tombstone
 * @param decodeError why decoding failed, or null
 */
public record Polled<V>(ConsumerRecord<String, byte[]> raw, V value, String decodeError) {

    public TopicPartition partition() {
        return new TopicPartition(raw.topic(), raw.partition());
    }

    public long offset() {
        return raw.offset();
    }

    public boolean undecodable() {
        return decodeError != null;
    }

    /** The record with its decoded value, for handlers written against {@link ConsumerRecord}. */
    public ConsumerRecord<String, V> decoded() {
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
                raw.serializedKeySize(), raw.serializedValueSize(), raw.key(), value, raw.headers(),
                Optional.empty());
    }
}

package dev.barfill.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record as received, with its decoded value or the reason it could not be decoded. The raw
 * bytes stay at hand so that a refused record reaches the dead-letter topic exactly as sent.
 *
 * @param value       the decoded value, null when undecodable or a tombstone
 * @param decodeError why decoding failed, or null
 */
record Polled<V>(ConsumerRecord<String, byte[]> raw, V value, String decodeError) {
}

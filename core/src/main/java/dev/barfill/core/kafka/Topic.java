package dev.barfill.core.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic declared once: its full name, its serdes and how it is created. Producers that write
 * several topics (fetcher, sink, API) send {@code byte[]} values made by {@link #record}, so every
 * value on a topic is written by that topic's own value serde and no producer picks a serializer
 * by the value's class.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSpec spec) {

    /** A record for this topic, its value written by this topic's value serde ({@code null} stays a tombstone). */
    public ProducerRecord<K, byte[]> record(K key, V value) {
        return record(key, value, null);
    }

    /** As {@link #record(Object, Object)}, with headers. */
    public ProducerRecord<K, byte[]> record(K key, V value, Headers headers) {
        return new ProducerRecord<>(name, null, key, valueSerde.serializer().serialize(name, value), headers);
    }

    /**
     * A record carrying {@code raw} unchanged: how a dead-letter topic keeps a record exactly as it
     * was read (it may not decode), so it can be inspected and replayed byte for byte, and how a
     * topic read as bytes ({@code coverage-requests}) is written.
     */
    public ProducerRecord<K, byte[]> rawRecord(K key, byte[] raw, Headers headers) {
        return new ProducerRecord<>(name, null, key, raw, headers);
    }

    @Override
    public String toString() {
        return name;
    }
}

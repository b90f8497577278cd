package dev.barfill.core.kafka;

import org.apache.kafka.common.serialization.Serde;

/** A topic declared once: its full name, its serdes and how it is created. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSpec spec) {

    @Override
    public String toString() {
        return name;
    }
}

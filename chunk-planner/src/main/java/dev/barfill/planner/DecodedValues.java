package dev.barfill.planner;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde of an immutable value that remembers what it decoded and encoded, so that a store value
 * read back is not decoded again. The planner reads a series' state and its jobs for every chunk
 * event and writes them back; decoding them from JSON each time was half of its CPU. Decoding is a
 * function of the bytes alone, so a value is remembered by its bytes: whatever wrote them (this
 * processor, a restore from the changelog, a standby), the same bytes give an equal value, and
 * state stores, their changelogs and exactly-once stay as they were. Only values that are never
 * changed after they are built may pass through it (records of immutable lists and maps).
 *
 * <p>At most {@code capacity} values are kept, the least recently used leaving first; a value not
 * kept is decoded as before. Stream threads share the store builder's serde, hence the lock.
 */
final class DecodedValues<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Serde<T> inner;
    private final String topic;
    private final Map<Content, T> decoded;
    /** The bytes of each value kept, by identity: a job stored and then sent is encoded once. */
    private final Map<T, Content> bytesOf = new IdentityHashMap<>();

    /**
     * @param inner    the serde whose bytes are stored
     * @param topic    the name passed to {@code inner}, for its error messages
     * @param capacity how many decoded values are kept
     */
    DecodedValues(Serde<T> inner, String topic, int capacity) {
        this.inner = inner;
        this.topic = topic;
        this.decoded = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Content, T> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                bytesOf.remove(eldest.getValue(), eldest.getKey());
                return true;
            }
        };
    }

    @Override
    public synchronized byte[] serialize(String ignored, T value) {
        if (value == null) {
            return null;
        }
        // A job is written to its store and sent to job-progress, the value read back from the
        // cache's bytes being the one kept: the second write reuses the first's bytes.
        Content known = bytesOf.get(value);
        if (known != null) {
            return known.bytes.clone();
        }
        byte[] bytes = inner.serializer().serialize(topic, value);
        remember(new Content(bytes.clone()), value);
        return bytes;
    }

    @Override
    public synchronized T deserialize(String ignored, byte[] data) {
        if (data == null) {
            return null;
        }
        Content key = new Content(data);
        T value = decoded.get(key);
        if (value == null) {
            value = inner.deserializer().deserialize(topic, data);
            if (value != null) {
                remember(new Content(data.clone()), value);
            }
        }
        return value;
    }

    private void remember(Content bytes, T value) {
        T previous = decoded.put(bytes, value);
        // Compared by content here: IdentityHashMap.remove(key, value) compares values by identity
        // from Java 20 on, and this Content is a new instance equal to the one kept for previous.
        if (previous != null && previous != value && bytes.equals(bytesOf.get(previous))) {
            bytesOf.remove(previous);
        }
        bytesOf.put(value, bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // The inner serde is configured by whoever built it.
    }

    @Override
    public void close() {
        // The inner serde may be shared; nothing of ours to release.
    }

    /** Bytes compared by content; the array is never changed once it is a key. */
    private static final class Content {
        private final byte[] bytes;
        private final int hash;

        Content(byte[] bytes) {
            this.bytes = bytes;
            // CRC32C is an intrinsic: hashing a 3 kB state costs a fraction of Arrays.hashCode.
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            this.hash = (int) crc.getValue() ^ bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && c.hash == hash && Arrays.equals(c.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

package dev.barfill.planner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps what a task wrote since its last commit as objects, and writes it
 * to the store below (Kafka Streams' metered, cached, change-logged RocksDB store) when the task
 * commits. The planner reads a series' state and its jobs for every chunk event and writes them
 * back; Kafka Streams encodes a value on every {@code put}, even into its cache, and encoding the
 * 2.7 kB state and the job to JSON per event was a third of the planner's CPU. Written behind, a
 * series or job is encoded once per commit however many events changed it.
 *
 * <p>Nothing else changes: the writes reach the store below in the order of each key's last write,
 * each with the record context of its {@code put} (so changelog records, positions and the
 * job-progress records sent from the cache's flush listener carry the timestamp they would have
 * carried), before Kafka Streams flushes its caches, so within the same exactly-once transaction
 * as the outputs of the records that made them. A task closed without a commit drops them, as
 * its transaction is aborted. Reads see them: {@code get} directly, range reads and prefix scans
 * merged over the store below, in the order of the serialised keys, as RocksDB gives them.
 *
 * <p>Kafka Streams flushes a store's cache through {@code CachedStateStore.flushCache}, an
 * internal interface; extending {@link WrappedStateStore}, the base of its own store layers, is
 * how a layer takes part in it. Values must be immutable (they are held, not copied). Like its
 * task, a store is used by one stream thread; the planner offers its stores to no interactive query.
 */
final class WriteBehindStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V> {
    /** A write not yet handed down: {@code value} null for a delete. */
    private record Pending<V>(V value, ProcessorRecordContext context) {
    }

    /**
     * The order of keys serialised as UTF-8, RocksDB's: by code point. {@link String#compareTo}
     * compares UTF-16 units, which differs for characters beyond the Basic Multilingual Plane.
     */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final Map<String, Pending<V>> pending = new LinkedHashMap<>();
    private InternalProcessorContext<?, ?> context;

    /** @param inner the store the writes go down to; its keys serialised as UTF-8 */
    WriteBehindStore(KeyValueStore<String, V> inner) {
        super(inner);
    }

    /** A builder of {@code inner}'s stores, each wrapped; keys must be serialised as UTF-8. */
    static <V> StoreBuilder<WriteBehindStore<V>> builder(StoreBuilder<KeyValueStore<String, V>> inner) {
        return new Builder<>(inner);
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        pending.clear();
        context = stateStoreContext instanceof InternalProcessorContext<?, ?> internal ? internal : null;
        super.init(stateStoreContext, root);
    }

    @Override
    public V get(String key) {
        Pending<V> p = pending.get(key);
        return p != null ? p.value() : wrapped().get(key);
    }

    @Override
    public void put(String key, V value) {
        Objects.requireNonNull(key, "key");
        // Kept in the order of each key's last write, the order Kafka Streams' cache flushes its dirty keys in.
        pending.remove(key);
        pending.put(key, new Pending<>(value, context == null ? null : context.recordContext()));
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public V delete(String key) {
        V current = get(key);
        put(key, null);
        return current;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return merged(wrapped().range(from, to), inRange(from, to), false);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        return merged(wrapped().reverseRange(from, to), inRange(from, to), true);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return merged(wrapped().all(), key -> true, false);
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        return merged(wrapped().reverseAll(), key -> true, true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixSerializer) {
        byte[] start = prefixSerializer.serialize(null, prefix);
        return merged(wrapped().prefixScan(prefix, prefixSerializer), key -> {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            return k.length >= start.length && Arrays.equals(k, 0, start.length, start, 0, start.length);
        }, false);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries() + pending.size();
    }

    /** Hands the writes down first: Kafka Streams flushes caches before it commits. */
    @Override
    public void flushCache() {
        writeDown();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeDown();
        super.commit(changelogOffsets);
    }

    /** Called when the task's state is to be reloaded from the changelog: what was pending is void. */
    @Override
    public void clearCache() {
        pending.clear();
        super.clearCache();
    }

    /** Closed without a commit (a dirty close) the writes belong to an aborted transaction. */
    @Override
    public void close() {
        pending.clear();
        super.close();
    }

    private void writeDown() {
        if (pending.isEmpty()) {
            return;
        }
        ProcessorRecordContext current = context == null ? null : context.recordContext();
        try {
            Iterator<Map.Entry<String, Pending<V>>> it = pending.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Pending<V>> e = it.next();
                if (context != null && e.getValue().context() != null) {
                    context.setRecordContext(e.getValue().context());
                }
                if (e.getValue().value() == null) {
                    wrapped().delete(e.getKey());
                } else {
                    wrapped().put(e.getKey(), e.getValue().value());
                }
                it.remove();
            }
        } finally {
            if (context != null) {
                context.setRecordContext(current);
            }
        }
    }

    private Predicate<String> inRange(String from, String to) {
        return key -> (from == null || KEY_ORDER.compare(key, from) >= 0) && (to == null || KEY_ORDER.compare(key, to) <= 0);
    }

    /** The store below's entries with the pending writes in {@code wanted} laid over them. */
    private KeyValueIterator<String, V> merged(KeyValueIterator<String, V> below, Predicate<String> wanted,
                                               boolean reverse) {
        if (pending.keySet().stream().noneMatch(wanted)) {
            return below;
        }
        TreeMap<String, V> all = new TreeMap<>(KEY_ORDER);
        try (below) {
            below.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        pending.forEach((key, p) -> {
            if (wanted.test(key)) {
                if (p.value() == null) {
                    all.remove(key);
                } else {
                    all.put(key, p.value());
                }
            }
        });
        List<KeyValue<String, V>> entries = new ArrayList<>(all.size());
        (reverse ? all.descendingMap() : all).forEach((k, v) -> entries.add(KeyValue.pair(k, v)));
        return new ListIterator<>(entries);
    }

    /** An iterator over entries already read. */
    private static final class ListIterator<V> implements KeyValueIterator<String, V> {
        private final List<KeyValue<String, V>> entries;
        private int next;

        ListIterator(List<KeyValue<String, V>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return next < entries.size();
        }

        @Override
        public KeyValue<String, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next++);
        }

        @Override
        public String peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
            // Nothing open: the store below's iterator was closed once read.
        }
    }

    private static final class Builder<V> implements StoreBuilder<WriteBehindStore<V>> {
        private final StoreBuilder<KeyValueStore<String, V>> inner;

        Builder(StoreBuilder<KeyValueStore<String, V>> inner) {
            this.inner = inner;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withCachingEnabled() {
            inner.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withCachingDisabled() {
            inner.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public WriteBehindStore<V> build() {
            return new WriteBehindStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}

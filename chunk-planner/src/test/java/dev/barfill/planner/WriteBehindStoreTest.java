package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The planner's write-behind layer over a real (in-memory) Kafka Streams store. */
class WriteBehindStoreTest {
    private KeyValueStore<String, String> below;
    private WriteBehindStore<String> store;

    @BeforeEach
    void open() {
        store = WriteBehindStore.builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
                Serdes.String(), Serdes.String()).withLoggingDisabled()).build();
        below = store.wrapped();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        if (store.isOpen()) {
            store.close();
        }
    }

    @Test
    void shouldHandWritesDownOnlyWhenTheCachesAreFlushedAndKeepOnlyTheLastValueOfAKey() {
        store.put("AAPL", "1");
        store.put("AAPL", "2");
        store.put("MSFT", "1");
        assertThat(store.get("AAPL")).isEqualTo("2");
        assertThat(below.get("AAPL")).as("nothing below before the commit").isNull();

        store.flushCache();
        assertThat(below.get("AAPL")).isEqualTo("2");
        assertThat(below.get("MSFT")).isEqualTo("1");

        assertThat(store.delete("MSFT")).isEqualTo("1");
        assertThat(store.get("MSFT")).isNull();
        assertThat(below.get("MSFT")).isEqualTo("1");
        store.flushCache();
        assertThat(below.get("MSFT")).isNull();
    }

    @Test
    void shouldDropWhatWasNotCommittedWhenTheStateIsToBeReloaded() {
        store.put("AAPL", "1");
        store.flushCache();
        store.put("AAPL", "2");
        store.clearCache();
        assertThat(store.get("AAPL")).isEqualTo("1");
        store.flushCache();
        assertThat(below.get("AAPL")).isEqualTo("1");
    }

    @Test
    void shouldLayPendingWritesOverRangeReadsAndPrefixScansInKeyOrder() {
        store.put("AAPL:15m:a", "old");
        store.put("AAPL:1m:a", "x");
        store.put("MSFT:15m:a", "m");
        store.put("AAPL:15m:c", "gone");
        store.flushCache();
        store.put("AAPL:15m:a", "new");
        store.put("AAPL:15m:b", "added");
        store.delete("AAPL:15m:c");

        assertThat(read(store.prefixScan("AAPL:15m:", new StringSerializer())))
                .containsExactly(KeyValue.pair("AAPL:15m:a", "new"), KeyValue.pair("AAPL:15m:b", "added"));
        assertThat(read(store.all())).extracting(kv -> kv.key)
                .containsExactly("AAPL:15m:a", "AAPL:15m:b", "AAPL:1m:a", "MSFT:15m:a");
        assertThat(read(store.reverseAll())).extracting(kv -> kv.key)
                .containsExactly("MSFT:15m:a", "AAPL:1m:a", "AAPL:15m:b", "AAPL:15m:a");
        assertThat(read(store.range("AAPL:15m:b", "AAPL:1m:a"))).extracting(kv -> kv.key)
                .containsExactly("AAPL:15m:b", "AAPL:1m:a");
        assertThat(store.putIfAbsent("AAPL:15m:b", "other")).isEqualTo("added");
        assertThat(store.putIfAbsent("AAPL:15m:c", "back")).isNull();
        assertThat(store.get("AAPL:15m:c")).isEqualTo("back");
    }

    @Test
    void shouldOrderKeysAsTheirUtf8BytesAreOrdered() {
        List<String> keys = new ArrayList<>(List.of("b", "a", "\uFB01", "\uD83D\uDE00", "ab", "", "\u00E9"));
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        keys.sort(WriteBehindStore.KEY_ORDER);
        assertThat(keys).isEqualTo(byBytes);
        assertThat(keys.indexOf("\uFB01")).as("U+FB01 before U+1F600, unlike String.compareTo")
                .isLessThan(keys.indexOf("\uD83D\uDE00"));
    }

    private static <V> List<KeyValue<String, V>> read(KeyValueIterator<String, V> it) {
        List<KeyValue<String, V>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}

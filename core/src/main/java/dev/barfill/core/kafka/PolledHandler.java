package dev.barfill.core.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * Handles one batch of polled records, the undecodable ones included. It returns only when every
 * effect of the batch is durable (records produced and acknowledged, transaction committed);
 * throwing means none of the batch may be committed and the same records come again.
 */
@FunctionalInterface
public interface PolledHandler<V> {

    void handle(List<Polled<V>> batch) throws Exception;

    /**
     * Decoded records (tombstones included) to {@code decoded}, then the undecodable ones to
     * {@code undecodable}, typically a dead-letter writer that waits for its acknowledgements.
     */
    static <V> PolledHandler<V> split(BatchHandler<V> decoded, PolledHandler<V> undecodable) {
        return batch -> {
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, V>> good = new ArrayList<>(batch.size());
            List<Polled<V>> bad = new ArrayList<>();
            for (Polled<V> p : batch) {
                if (p.undecodable()) {
                    bad.add(p);
                } else {
                    good.add(p.decoded());
                }
            }
            if (!good.isEmpty()) {
                decoded.handle(good);
            }
            if (!bad.isEmpty()) {
                undecodable.handle(bad);
            }
        };
    }
}

package dev.barfill.core.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles one polled batch. It returns only when every effect of the batch is durable (records
 * produced and acknowledged, transaction committed); throwing means none of the batch may be
 * committed and it will be handled again.
 */
@FunctionalInterface
public interface BatchHandler<V> {

    void handle(List<ConsumerRecord<String, V>> batch) throws Exception;
}

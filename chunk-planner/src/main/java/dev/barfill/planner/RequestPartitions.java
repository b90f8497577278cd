package dev.barfill.planner;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a request must be read so that the task holding its series' state plans it. Java
 * producers (the API, the planner's own sinks) put a key on {@code murmur2(key) % partitions};
 * other clients do not: {@code kcat}'s default partitioner hashes with CRC32, so a request it
 * sends lands on another task than the chunk events of its series, and would be planned on a
 * state its events never reach. Such a request is sent again under the same key through the
 * Java partitioner, once.
 *
 * @param count partitions of {@code coverage-requests}; 0 when unknown, which checks nothing
 */
public record RequestPartitions(int count) {
    /** The header that marks a request already sent again, so a stale count can never loop. */
    public static final String REROUTED = "barfill.planner.rerouted";

    static RequestPartitions unknown() {
        return new RequestPartitions(0);
    }

    /** Whether a request with {@code key}, read from {@code partition}, is on the partition of its series. */
    boolean home(String key, int partition) {
        if (count <= 0 || key == null) {
            return true;
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count == partition;
    }
}

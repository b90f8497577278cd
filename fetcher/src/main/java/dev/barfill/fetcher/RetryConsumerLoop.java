package dev.barfill.fetcher;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.LoopOptions;
import dev.barfill.core.kafka.PolledHandler;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Consumes the retry tiers without blocking: the shared {@link BatchConsumerLoop} with each
 * chunk's not-before time. A partition whose head record is not due yet is paused until then
 * while the consumer keeps polling, so it never sleeps past {@code max.poll.interval.ms}; due
 * records are handed over as one batch and committed only after the handler returned.
 */
public final class RetryConsumerLoop implements Runnable, AutoCloseable {
    private final BatchConsumerLoop<ChunkTask> loop;

    public RetryConsumerLoop(Properties props, List<String> topics, Deserializer<ChunkTask> values,
                             PolledHandler<ChunkTask> handler, Clock clock) {
        this.loop = new BatchConsumerLoop<>("fetcher-retry", BatchConsumerLoop.rawConsumer(props), topics, values,
                handler, LoopOptions.<ChunkTask>defaults().withNotBefore(ChunkTask::notBefore, clock));
    }

    /** The shared loop underneath, for readiness and client metrics. */
    public BatchConsumerLoop<ChunkTask> loop() {
        return loop;
    }

    @Override
    public void run() {
        loop.run();
    }

    @Override
    public void close() {
        loop.close();
    }
}

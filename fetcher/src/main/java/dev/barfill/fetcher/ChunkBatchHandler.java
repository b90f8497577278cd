package dev.barfill.fetcher;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.kafka.BatchHandler;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.retry.RetryPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Handles a polled batch of chunks from the main topic or a retry tier: the days of each series
 * are fetched together (one task per series on the call pool, so many requests are in flight),
 * then each day goes to {@code bars}, to the next retry tier, or to the dead-letter topic with a
 * FAILED event. Returns only when every record is acknowledged, so the caller may commit.
 */
public final class ChunkBatchHandler implements BatchHandler<ChunkTask> {
    private final SeriesFetcher fetcher;
    private final ExecutorService calls;
    private final Producer<String, Object> producer;
    private final Topics topics;
    private final List<Topic<String, ChunkTask>> retryTiers;
    private final RetryPolicy policy;
    private final Clock clock;
    private final DoubleSupplier random;

    public ChunkBatchHandler(SeriesFetcher fetcher, ExecutorService calls, Producer<String, Object> producer,
                             Topics topics, RetryPolicy policy, Clock clock, DoubleSupplier random) {
        this.fetcher = fetcher;
        this.calls = calls;
        this.producer = producer;
        this.topics = topics;
        this.retryTiers = topics.chunksRetry(policy.tiers().size());
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void handle(List<ConsumerRecord<String, ChunkTask>> batch) throws Exception {
        Map<ChunkTask, ConsumerRecord<String, ChunkTask>> sources = new IdentityHashMap<>();
        Map<Series, List<ChunkTask>> bySeries = new LinkedHashMap<>();
        for (ConsumerRecord<String, ChunkTask> record : batch) {
            if (record.value() != null) {
                sources.put(record.value(), record);
                bySeries.computeIfAbsent(record.value().series(), s -> new ArrayList<>()).add(record.value());
            }
        }
        List<Future<List<DayResult>>> fetched = new ArrayList<>(bySeries.size());
        bySeries.forEach((series, tasks) -> fetched.add(calls.submit(() -> fetcher.fetch(series, tasks))));
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size() * 2);
        for (Future<List<DayResult>> future : fetched) {
            for (DayResult result : future.get()) {
                route(result, sources.get(result.task()), acks);
            }
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    private void route(DayResult result, ConsumerRecord<String, ChunkTask> source, List<Future<RecordMetadata>> acks) {
        String key = source.key();
        if (result instanceof DayResult.Bars bars) {
            acks.add(producer.send(new ProducerRecord<>(topics.bars.name(), key, bars.day())));
        } else if (result instanceof DayResult.NoData none) {
            acks.add(failedEvent(key, result.task(), none.provider(), none.reason()));
        } else if (result instanceof DayResult.Failed failed) {
            RetryPolicy.DeadLetter dead = policy.onPermanent(result.task(), failed.reason(), clock.instant());
            deadLetter(key, dead, ChunkHeaders.PERMANENT, failed.provider(), source, acks);
        } else if (result instanceof DayResult.Retryable retry) {
            RetryPolicy.Decision decision = policy.onTransient(result.task(), retry.reason(), retry.retryAfter(),
                    clock.instant(), random);
            if (decision instanceof RetryPolicy.Retry next) {
                acks.add(producer.send(new ProducerRecord<>(retryTiers.get(next.tier() - 1).name(), null, key,
                        next.task(), ChunkHeaders.retry(next.task(), retry.reason()))));
            } else {
                deadLetter(key, (RetryPolicy.DeadLetter) decision, ChunkHeaders.EXHAUSTED, retry.provider(), source, acks);
            }
        }
    }

    private void deadLetter(String key, RetryPolicy.DeadLetter dead, String errorClass, String provider,
                            ConsumerRecord<String, ChunkTask> source, List<Future<RecordMetadata>> acks) {
        acks.add(producer.send(new ProducerRecord<>(topics.chunksDlq.name(), null, key, dead.task(),
                ChunkHeaders.deadLetter(dead.task(), errorClass, dead.reason(), source))));
        acks.add(failedEvent(key, dead.task(), provider, dead.reason()));
    }

    private Future<RecordMetadata> failedEvent(String key, ChunkTask task, String provider, String reason) {
        return producer.send(new ProducerRecord<>(topics.chunkEvents.name(), key,
                ChunkEvent.failed(task, provider, reason, clock.instant())));
    }
}

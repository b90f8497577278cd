package dev.barfill.fetcher;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.Series;
import dev.barfill.core.kafka.BatchHandler;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.DeadLetters.ErrorClass;
import dev.barfill.core.kafka.DeadLetters.Failure;
import dev.barfill.core.kafka.Polled;
import dev.barfill.core.kafka.RecordDay;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Handles a polled batch of chunks from the main topic or a retry tier: the days of each series
 * are fetched together (one task per series on the call pool, so many requests are in flight),
 * then each day goes to {@code bars}, to a retry tier with a RETRYING event (so its jobs show it),
 * or to the dead-letter topic with a FAILED event. Dead letters carry the {@link DeadLetters} headers;
 * retry tiers carry the next attempt and its not-before time. Every value is written by its topic's
 * serde ({@link Topic#record}); an undecodable chunk is dead-lettered as read. Returns only when every
 * record is acknowledged, so the caller may commit.
 */
public final class ChunkBatchHandler implements BatchHandler<ChunkTask> {
    private static final String STAGE = "fetcher";

    private final SeriesFetcher fetcher;
    private final ExecutorService calls;
    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final List<Topic<String, ChunkTask>> retryTiers;
    private final RetryPolicy policy;
    private final Clock clock;
    private final DoubleSupplier random;

    public ChunkBatchHandler(SeriesFetcher fetcher, ExecutorService calls, Producer<String, byte[]> producer,
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
        await(acks);
    }

    /**
     * Chunks that could not be decoded go to {@code chunks.dlq} exactly as read (class UNDECODABLE),
     * with a FAILED event when their series and day can still be read, so the day leaves flight.
     */
    public void undecodable(List<Polled<ChunkTask>> records) throws Exception {
        Instant now = clock.instant();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Polled<ChunkTask> p : records) {
            ConsumerRecord<String, byte[]> raw = p.raw();
            Headers headers = DeadLetters.headers(raw.headers(), Failure.of(STAGE, ErrorClass.UNDECODABLE,
                    p.decodeError(), now), raw.topic(), raw.partition(), raw.offset());
            acks.add(producer.send(topics.chunksDlq.rawRecord(raw.key(), raw.value(), headers)));
            RecordDay.read(raw.key(), raw.value()).ifPresent(day ->
                    acks.add(send(day.failed("undecodable chunk: " + p.decodeError(), now))));
        }
        await(acks);
    }

    private void route(DayResult result, ConsumerRecord<String, ChunkTask> source, List<Future<RecordMetadata>> acks) {
        String key = source.key();
        Instant now = clock.instant();
        if (result instanceof DayResult.Bars bars) {
            acks.add(producer.send(topics.bars.record(key, bars.day())));
        } else if (result instanceof DayResult.NoData none) {
            acks.add(send(failed(result.task(), none.provider(), none.reason(), now)));
        } else if (result instanceof DayResult.Failed failed) {
            RetryPolicy.DeadLetter dead = policy.onPermanent(result.task(), failed.reason(), now);
            deadLetter(key, dead, ErrorClass.PERMANENT, failed.provider(), source, acks);
        } else if (result instanceof DayResult.Deferred deferred) {
            RetryPolicy.Retry later = policy.onHold(result.task(), deferred.until());
            acks.add(retry(key, later, deferred.reason(), source));
            acks.add(send(ChunkEvent.retrying(later.task(), deferred.provider(), deferred.reason(), deferred.tripped(),
                    now)));
        } else if (result instanceof DayResult.Retryable retry) {
            RetryPolicy.Decision decision = policy.onTransient(result.task(), retry.reason(), retry.retryAfter(),
                    now, random);
            if (decision instanceof RetryPolicy.Retry next) {
                acks.add(retry(key, next, retry.reason(), source));
                acks.add(send(ChunkEvent.retrying(next.task(), retry.provider(), retry.reason(), null, now)));
            } else {
                deadLetter(key, (RetryPolicy.DeadLetter) decision, ErrorClass.RETRIES_EXHAUSTED, retry.provider(),
                        source, acks);
            }
        }
    }

    /** To retry tier {@code next.tier()}: the next attempt and its not-before time in headers as in the value. */
    private Future<RecordMetadata> retry(String key, RetryPolicy.Retry next, String reason,
                                         ConsumerRecord<String, ChunkTask> source) {
        Headers h = DeadLetters.stripped(source.headers());
        put(h, DeadLetters.ATTEMPT, Integer.toString(next.task().attempt()));
        put(h, DeadLetters.NOT_BEFORE, String.valueOf(next.task().notBefore()));
        put(h, DeadLetters.CLASS, ErrorClass.TRANSIENT.name());
        put(h, DeadLetters.REASON, reason);
        put(h, DeadLetters.STAGE, STAGE);
        return producer.send(retryTiers.get(next.tier() - 1).record(key, next.task(), h));
    }

    private void deadLetter(String key, RetryPolicy.DeadLetter dead, ErrorClass errorClass, String provider,
                            ConsumerRecord<String, ChunkTask> source, List<Future<RecordMetadata>> acks) {
        Instant now = clock.instant();
        Failure failure = new Failure(STAGE, errorClass, dead.reason(), null, null, null, dead.task().attempt(),
                RetryPolicy.firstFailedAt(dead.task()), now);
        acks.add(producer.send(topics.chunksDlq.record(key, dead.task(),
                DeadLetters.headers(source.headers(), failure, source.topic(), source.partition(), source.offset()))));
        acks.add(send(failed(dead.task(), provider, dead.reason(), now)));
    }

    private Future<RecordMetadata> send(ChunkEvent event) {
        return producer.send(topics.chunkEvents.record(event.series().key(), event));
    }

    private static ChunkEvent failed(ChunkTask task, String provider, String reason, Instant now) {
        return ChunkEvent.failed(task, provider, reason, now);
    }

    /** A FAILED event for a day known only by its key, its chunk being unreadable. */
    private static void await(List<Future<RecordMetadata>> acks) throws Exception {
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    private static void put(Headers h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

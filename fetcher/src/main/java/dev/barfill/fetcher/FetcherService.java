package dev.barfill.fetcher;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.CompactedTopicReader;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.provider.BarProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fetcher role: consumes chunks, fetches every day of a polled batch in parallel, produces
 * each day's bars (or its failure) and commits the batch once every record is acknowledged.
 */
public final class FetcherService implements AutoCloseable {
    private final Topics topics;
    private final ChunkFetcher fetcher;
    private final ExecutorService calls;
    private final KafkaProducer<String, Object> producer;
    private final BatchConsumerLoop<ChunkTask> loop;
    private final Thread thread;
    private final Clock clock;
    private final ChunkCancellations cancellations = new ChunkCancellations();
    private final CompactedTopicReader<ChunkCancellation> cancellationReader;

    public FetcherService(FetcherConfig config, BarProvider provider, CalendarRegistry calendars, Clock clock) {
        this.topics = config.kafka().topics();
        this.clock = clock;
        this.fetcher = new ChunkFetcher(provider, calendars, clock, config.maxAttempts(), Duration.ofMillis(500));
        this.calls = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "fetch-call");
            t.setDaemon(true);
            return t;
        });
        this.producer = new KafkaProducer<>(KafkaClients.durableProducer(config.kafka(), "barfill-fetcher"),
                new StringSerializer(), new RoutingSerializer(topics));
        Properties consumer = KafkaClients.committingConsumer(config.kafka(), config.groupId(), "barfill-fetcher");
        consumer.put("max.poll.records", Integer.toString(Math.max(50, config.concurrency() * 4)));
        this.loop = new BatchConsumerLoop<>("fetcher", consumer, topics.chunks, this::handle);
        this.thread = new Thread(loop, "fetcher");
        this.cancellationReader = new CompactedTopicReader<>(config.kafka().bootstrapServers(),
                "barfill-fetcher-cancellations", topics.chunkCancellations, cancellations::apply);
    }

    public void start() {
        cancellationReader.start();
        thread.start();
    }

    void handle(List<ConsumerRecord<String, ChunkTask>> polled) throws Exception {
        // A day whose jobs were all cancelled is dropped here; its offset is committed with the batch.
        List<ConsumerRecord<String, ChunkTask>> batch = polled.stream()
                .filter(r -> r.value() != null && !cancellations.cancels(r.value())).toList();
        List<Future<DayResult>> results = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, ChunkTask> record : batch) {
            ChunkTask task = record.value();
            results.add(calls.submit(() -> fetcher.fetch(task)));
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String key = batch.get(i).key();
            DayResult result = results.get(i).get();
            if (result instanceof DayResult.Bars bars) {
                acks.add(producer.send(new ProducerRecord<>(topics.bars.name(), key, bars.day())));
            } else if (result instanceof DayResult.Failed failed) {
                acks.add(producer.send(new ProducerRecord<>(topics.chunkEvents.name(), key,
                        ChunkEvent.failed(failed.task(), failed.provider(), failed.reason(), clock.instant()))));
            }
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        cancellationReader.close();
        calls.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}

package dev.barfill.fetcher;

import dev.barfill.core.ChunkCancellation;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.CompactedTopicReader;
import dev.barfill.core.kafka.LoopOptions;
import dev.barfill.core.kafka.PolledHandler;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.TopicAdmin;
import dev.barfill.core.kafka.Topics;
import dev.barfill.fetcher.route.ProviderRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher role: one consumer on {@code chunks} and one on the retry tiers, both handing their
 * batches to a {@link ChunkBatchHandler} over a shared call pool and producer. Each consumer
 * commits a batch only once every record it caused is acknowledged.
 */
public final class FetcherService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FetcherService.class);
    private final ExecutorService calls;
    private final KafkaProducer<String, byte[]> producer;
    private final BatchConsumerLoop<ChunkTask> main;
    private final RetryConsumerLoop retries;
    private final List<Thread> threads = new ArrayList<>();
    private final MeterRegistry registry;
    private final ProviderRouter router;
    private final ChunkCancellations cancellations = new ChunkCancellations();
    private final CompactedTopicReader<ChunkCancellation> cancellationReader;

    public FetcherService(FetcherConfig config, CalendarRegistry calendars, Clock clock) {
        this(config, calendars, clock, new SimpleMeterRegistry());
    }

    public FetcherService(FetcherConfig config, CalendarRegistry calendars, Clock clock, MeterRegistry registry) {
        this(config, Providers.router(config, registry, clock), calendars, clock, registry);
    }

    public FetcherService(FetcherConfig config, ProviderRouter router, CalendarRegistry calendars, Clock clock,
                          MeterRegistry registry) {
        Topics topics = config.kafka().topics();
        this.registry = registry;
        this.router = router;
        List<Topic<String, ChunkTask>> tiers = topics.chunksRetry(config.retry().tiers().size());
        if (tiers.size() > Topics.RETRY_TIERS) {
            // Topics.all() declares the default tiers; only extra ones are this role's to create.
            try (Admin admin = Admin.create(KafkaClients.admin(config.kafka()))) {
                TopicAdmin.ensure(admin, List.copyOf(tiers), config.kafka().replicationFactor());
            }
        }
        this.calls = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "fetch-call");
            t.setDaemon(true);
            return t;
        });
        // Values arrive as bytes already written by their topic's serde (Topic.record).
        this.producer = new KafkaProducer<>(KafkaClients.durableProducer(config.kafka(), "barfill-fetcher"),
                topics.chunks.keySerde().serializer(), new ByteArraySerializer());
        ChunkBatchHandler fetching = new ChunkBatchHandler(new SeriesFetcher(router, calendars, clock, config.settleDelay()), calls,
                producer, topics, config.retry(), clock, () -> ThreadLocalRandom.current().nextDouble());
        // A day whose jobs were all cancelled is dropped, on the main topic and in the retry tiers
        // alike; its offset is committed with the rest of the batch. An undecodable chunk goes to
        // chunks.dlq as it was read.
        PolledHandler<ChunkTask> handler = PolledHandler.split(batch -> fetching.handle(batch.stream()
                .filter(r -> r.value() != null && !cancellations.cancels(r.value())).toList()), fetching::undecodable);
        this.cancellationReader = new CompactedTopicReader<>(config.kafka(),
                "barfill-fetcher-cancellations", topics.chunkCancellations, cancellations::apply);
        // The provider limits are the cluster's: each instance takes the part of its chunks partitions,
        // again after every rebalance. Its retry tiers draw on the same buckets.
        String chunksTopic = topics.chunks.name();
        this.main = BatchConsumerLoop.of("fetcher", consumer(config, config.groupId(), MAIN_POLL_CAP), topics.chunks, handler,
                LoopOptions.<ChunkTask>defaults().withAssignments((held, partitions) -> {
                    int assigned = (int) held.stream().filter(tp -> tp.topic().equals(chunksTopic)).count();
                    int total = partitions.getOrDefault(chunksTopic, 0);
                    router.share(assigned, total);
                    LOG.info("fetcher holds {} of {} partitions of {}: provider limits shared {}", assigned, total,
                            chunksTopic, router.shares());
                }));
        this.retries = new RetryConsumerLoop(consumer(config, config.retryGroupId(), RETRY_POLL_CAP),
                tiers.stream().map(Topic::name).toList(), topics.chunks.valueSerde().deserializer(), handler, clock);
    }

    /**
     * Most chunks a poll hands over. A batch is fetched together and ends with its slowest call, so at a
     * high limit a small batch leaves the provider's budget unused between batches (500 chunks are 24
     * series of 21 days: at 6,000/min the fetcher reached 83 requests/s of its 97); retries come back a
     * few at a time, by their own not-before times, and keep the smaller batches they always had.
     */
    static final int MAIN_POLL_CAP = 5_000;
    static final int RETRY_POLL_CAP = 500;

    private static Properties consumer(FetcherConfig config, String groupId, int cap) {
        Properties p = KafkaClients.committingConsumer(config.kafka(), groupId, groupId);
        // Large polls let one request's days arrive together, so they are coalesced into one call; but a
        // batch of one-day series costs a request per record, so at a low rate limit the batch must be
        // small enough to be fetched in half of max.poll.interval.ms, at the smallest part of the
        // limit an instance may get (one partition's).
        int slowest = config.providers().stream().mapToInt(ProviderSettings::requestsPerMinute).min().orElse(60);
        int smallestShare = Math.max(1, slowest / config.kafka().partitions());
        p.put("max.poll.records", Integer.toString(Math.max(20, Math.min(cap, smallestShare * 5))));
        p.put("max.poll.interval.ms", Long.toString(Duration.ofMinutes(10).toMillis()));
        return p;
    }

    public void start() {
        cancellationReader.start();
        threads.add(new Thread(main, "fetcher"));
        threads.add(new Thread(retries, "fetcher-retry"));
        threads.forEach(Thread::start);
    }

    /** The consumer loops (main topic, retry tiers), for readiness and client metrics. */
    public List<BatchConsumerLoop<ChunkTask>> loops() {
        return List.of(main, retries.loop());
    }

    /** The producer of bars, retries and dead letters, for its client metrics. */
    public org.apache.kafka.clients.producer.Producer<String, byte[]> producer() {
        return producer;
    }

    /** This instance's part of each provider's limit, by provider name. */
    public Map<String, Integer> shares() {
        return router.shares();
    }

    /** Which providers serve and which are tripped by their circuit breaker, and why. */
    public ProviderRouter.Health providerHealth() {
        return router.health();
    }

    /** Where the provider request counters and timers live. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() throws InterruptedException {
        main.close();
        retries.close();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        cancellationReader.close();
        calls.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}

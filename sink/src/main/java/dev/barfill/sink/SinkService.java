package dev.barfill.sink;

import dev.barfill.store.Migrations;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.DayBars;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.kafka.Backoff;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.DeadLetters.ErrorClass;
import dev.barfill.core.kafka.DeadLetters.Failure;
import dev.barfill.core.kafka.LoopOptions;
import dev.barfill.core.kafka.Polled;
import dev.barfill.core.kafka.RecordDay;
import dev.barfill.core.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink role. Days of bars gather into batches bounded by rows and time; each batch is written
 * in one transaction (bars and coverage); then a WRITTEN event per day is produced and
 * acknowledged; only then are the offsets committed. A crash anywhere in between replays the
 * batch, which the upserts and the planner's day-counts-once rule absorb. While PostgreSQL is
 * unreachable the partitions stay paused, nothing is committed and {@link #health()} says
 * DEGRADED. A day the table refuses goes alone to {@code bars.dlq}, with a FAILED event; the
 * rest of its batch is written. So does a record refused before writing (undecodable, or a day
 * that cannot be written), its FAILED event naming the day when the record still names it. The {@code backfill_jobs} mirror runs beside it.
 */
public final class SinkService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final String STAGE = "sink";

    private final SinkConfig config;
    private final Topics topics;
    private final BarWriter writer;
    private final PoisonIsolator isolator;
    private final SinkHealth health;
    private final KafkaProducer<String, byte[]> producer;
    private final BatchConsumerLoop<DayBars> loop;
    private final Thread thread;
    private final JobsMirror jobs;
    private final Clock clock;

    private final Counter daysWritten;
    private final Counter barsWritten;
    private final Counter daysRefused;

    /** A sink on {@code writer}'s database, writing with {@code config.writeMode()}. */
    public SinkService(SinkConfig config, BarWriter writer, Clock clock) {
        this(config, writer, clock, new SimpleMeterRegistry());
    }

    /** With its meters (days and bars written, days refused) in {@code registry}. */
    public SinkService(SinkConfig config, BarWriter writer, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.topics = config.kafka().topics();
        // Coverage rows are stamped by this process's clock, as every day state the API compares them with.
        this.writer = new BarWriter(writer.dataSource(), config.writeMode(), clock);
        this.isolator = new PoisonIsolator(this.writer);
        this.health = new SinkHealth(clock);
        this.clock = clock;
        // Values arrive as bytes already written by their topic's serde (Topic.record), or as read for bars.dlq.
        this.producer = new KafkaProducer<>(KafkaClients.durableProducer(config.kafka(), "barfill-sink"),
                topics.chunkEvents.keySerde().serializer(), new ByteArraySerializer());
        Properties props = KafkaClients.committingConsumer(config.kafka(), config.groupId(), "barfill-sink");
        props.put("max.poll.records", Integer.toString(config.maxPollRecords()));
        this.loop = BatchConsumerLoop.of("sink", props, topics.bars, this::handle, LoopOptions.<DayBars>defaults()
                .withBatching(day -> day.bars().size(), config.maxBatchRows(), config.maxBatchDelay())
                .withBackoff(new Backoff(config.minBackoff(), config.maxBackoff()))
                .withHealth(health.asLoopHealth()));
        this.thread = new Thread(loop, "sink");
        this.jobs = new JobsMirror(config, this.writer.dataSource());
        this.daysWritten = Counter.builder("barfill.sink.days.written")
                .description("Days of bars written to PostgreSQL (a replayed day counts again)").register(registry);
        this.barsWritten = Counter.builder("barfill.sink.bars.written")
                .description("Bars written to PostgreSQL (upserted rows)").register(registry);
        this.daysRefused = Counter.builder("barfill.sink.days.refused")
                .description("Records sent to bars.dlq: refused by the database, undecodable or invalid")
                .register(registry);
    }

    public SinkService(SinkConfig config, DataSource dataSource, Clock clock) {
        this(config, new BarWriter(dataSource, config.writeMode()), clock);
    }

    /**
     * Migrates the schema when configured to, then starts the bars consumer and the jobs mirror.
     * Creates no topic: {@code bars.dlq} is in {@link Topics#all()}, created with the others by
     * whoever starts the roles.
     */
    public void start() {
        if (config.migrateOnStart()) {
            Migrations.migrate(writer.dataSource());
        }
        thread.start();
        jobs.start();
    }

    /** The consumer loops (bars, job mirror), for readiness and client metrics. */
    public List<BatchConsumerLoop<?>> loops() {
        return List.of(loop, jobs.loop());
    }

    /** The producer of events and dead letters, for its client metrics. */
    public org.apache.kafka.clients.producer.Producer<String, byte[]> producer() {
        return producer;
    }

    /** UP while batches get written; DEGRADED, with the last error, while the database fails. */
    public SinkHealth health() {
        return health;
    }

    /** A record refused before the database was asked: undecodable, or a day that cannot be written. */
    private record Refusal(Polled<DayBars> record, ErrorClass errorClass, String reason) {
    }

    void handle(List<Polled<DayBars>> batch) throws Exception {
        // The last copy of a day wins: one statement must not touch a row twice.
        Map<String, Polled<DayBars>> days = new LinkedHashMap<>();
        List<Refusal> refused = new ArrayList<>();
        for (Polled<DayBars> p : batch) {
            if (p.undecodable()) {
                refused.add(new Refusal(p, ErrorClass.UNDECODABLE, p.decodeError()));
            } else if (p.value() != null) {
                String problem = DayBarsCheck.problem(p.value());
                if (problem == null) {
                    days.put(p.value().chunkKey().key(), p);
                } else {
                    refused.add(new Refusal(p, ErrorClass.INVALID, "invalid day of bars: " + problem));
                }
            }
        }
        PoisonIsolator.Outcome outcome = isolator.write(days.values().stream().map(Polled::value).toList());
        Instant now = clock.instant();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (DayBars day : outcome.written()) {
            acks.add(event(ChunkEvent.written(day, now)));
        }
        for (PoisonIsolator.Poisoned bad : outcome.poisoned()) {
            DayBars day = bad.day();
            LOG.error("sink: {} refused by the database ({}); sent to {}", day.chunkKey(), bad.reason(),
                    topics.barsDlq.name());
            Failure failure = Failure.of(STAGE, ErrorClass.REFUSED_BY_DATABASE, bad.reason(), now)
                    .withSqlState(bad.sqlState());
            acks.add(deadLetter(days.get(day.chunkKey().key()).raw(), failure));
            acks.add(event(ChunkEvent.failed(day, "refused by the database: " + bad.reason(), now)));
        }
        for (Refusal r : refused) {
            ConsumerRecord<String, byte[]> raw = r.record().raw();
            LOG.error("sink: refused record at {}/{}@{} ({}); sent to {}", raw.topic(), raw.partition(), raw.offset(),
                    r.reason(), topics.barsDlq.name());
            acks.add(deadLetter(raw, Failure.of(STAGE, r.errorClass(), r.reason(), now)));
            // Silence would leave the day in flight: report it failed when the record still names it.
            RecordDay.read(raw.key(), raw.value()).ifPresent(day ->
                    acks.add(event(day.failed("refused by the sink: " + r.reason(), now))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
        daysWritten.increment(outcome.written().size());
        barsWritten.increment(outcome.bars());
        daysRefused.increment(outcome.poisoned().size() + refused.size());
    }

    private Future<RecordMetadata> deadLetter(ConsumerRecord<String, byte[]> raw, Failure failure) {
        return producer.send(topics.barsDlq.rawRecord(raw.key(), raw.value(),
                DeadLetters.headers(raw.headers(), failure, raw.topic(), raw.partition(), raw.offset())));
    }

    private Future<RecordMetadata> event(ChunkEvent e) {
        return producer.send(topics.chunkEvents.record(e.series().key(), e));
    }

    @Override
    public void close() throws InterruptedException {
        jobs.close();
        loop.close();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        producer.close(Duration.ofSeconds(5));
    }
}

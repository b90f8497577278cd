package dev.barfill.bench;

import dev.barfill.app.Roles;
import dev.barfill.app.embedded.EmbeddedKafka;
import dev.barfill.app.embedded.Ports;
import dev.barfill.core.ChunkEvent;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.JobProgress;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.planner.PlannerService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The production planner ({@link PlannerService}: exactly-once v2, one stream thread, the default
 * commit interval) against an in-process broker and nothing else: coverage lookups answer
 * "nothing stored" at once, and the harness plays the API (requests) and the sink (one WRITTEN
 * event per chunk). Outputs are read committed, as every downstream consumer reads them.
 */
final class PlannerOnBroker implements AutoCloseable {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    private final EmbeddedKafka kafka;
    private final Topics topics;
    private final PlannerService planner;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;

    PlannerOnBroker(Path dir, Clock clock) throws InterruptedException {
        this.clock = clock;
        this.kafka = EmbeddedKafka.start(dir.resolve("kafka"), Ports.free(), Ports.free());
        try {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), Topics.DEFAULT_PREFIX,
                    Topics.defaults().partitions(), (short) 1);
            this.topics = settings.topics();
            Roles.ensureTopics(settings);
            this.planner = new PlannerService(PlannerConfig.defaults(settings, dir.resolve("streams")),
                    CalendarRegistry.defaults(), (series, from, to) -> Set.of(), clock);
            this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
                    "linger.ms", "5"), new StringSerializer(), new ByteArraySerializer());
            planner.start();
            awaitRunning();
        } catch (RuntimeException | InterruptedException e) {
            kafka.close();
            throw e;
        }
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (planner.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the planner is " + planner.state() + " after 2 minutes, not RUNNING");
            }
            Thread.sleep(50);  // polling the state: the service owns the Streams state listener
        }
    }

    /** Plans every request, then settles every chunk with a WRITTEN event, until every job is at 100%. */
    PlannerRun run(PlannerLoad load) throws InterruptedException {
        try (KafkaConsumer<String, byte[]> chunkReader = readerAtEnd(topics.chunks);
             KafkaConsumer<String, byte[]> progressReader = readerAtEnd(topics.jobProgress)) {
            List<ChunkTask> planned = new ArrayList<>();
            ThreadCpu planCpu = new ThreadCpu();
            Stopwatch plan = new Stopwatch();
            load.requests().forEach(r -> producer.send(new ProducerRecord<>(topics.coverageRequests.name(), r.key(),
                    r.value())));
            producer.flush();
            readUntil(chunkReader, rec -> planned.add(topics.chunks.valueSerde().deserializer()
                    .deserialize(rec.topic(), rec.value())), () -> planned.size() >= load.chunks(), "chunks");
            double planSeconds = plan.seconds();
            planCpu.close();

            Set<String> open = new HashSet<>(load.jobIds());
            long[] progressRecords = {0};
            List<ProducerRecord<String, byte[]>> answers = planned.stream()
                    .map(c -> new ProducerRecord<>(topics.chunkEvents.name(), c.series().key(),
                            topics.chunkEvents.valueSerde().serializer().serialize("", PlannerLoad.written(c,
                                    clock.instant())))).toList();
            // The first job-progress records of this round (opened jobs) are read before events are sent.
            drain(progressReader);
            ThreadCpu settleCpu = new ThreadCpu();
            Stopwatch settle = new Stopwatch();
            answers.forEach(producer::send);
            producer.flush();
            readUntil(progressReader, rec -> {
                progressRecords[0]++;
                JobProgress job = topics.jobProgress.valueSerde().deserializer().deserialize(rec.topic(), rec.value());
                if (job != null && job.progress() == 100) {
                    open.remove(rec.key());
                }
            }, open::isEmpty, "jobs at 100%");
            double settleSeconds = settle.seconds();
            settleCpu.close();
            return new PlannerRun(planned.size(), planSeconds, answers.size(), settleSeconds, progressRecords[0],
                    plannerCpu(planCpu), plannerCpu(settleCpu));
        }
    }

    /** CPU of the planner's threads: its stream thread, the thread's producer and consumer, its lookups. */
    static long plannerCpu(ThreadCpu cpu) {
        return cpu.byGroup(List.of(Stages.PLANNER), "other").get(Stages.PLANNER.name());
    }

    private KafkaConsumer<String, byte[]> readerAtEnd(Topic<String, ?> topic) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed", "enable.auto.commit", "false"), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);  // resolves the end now, before anything of this round is sent
        return c;
    }

    private static void drain(KafkaConsumer<String, byte[]> reader) {
        while (!reader.poll(Duration.ofMillis(300)).isEmpty()) {
            // skipping what was already there
        }
    }

    private static void readUntil(KafkaConsumer<String, byte[]> reader, Consumer<ConsumerRecord<String, byte[]>> each,
                                  java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the planner did not produce every " + what + " within " + PHASE_TIMEOUT);
            }
            reader.poll(Duration.ofMillis(100)).forEach(each);
        }
    }

    /** The stream thread's own accounting: the share of its time in poll, process, punctuate and commit. */
    java.util.Map<String, Double> threadRatios() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        planner.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && (name.name().endsWith("-ratio")
                    || name.name().endsWith("-latency-avg") || name.name().equals("blocked-time-ns-total")
                    || name.name().endsWith("-total") && (name.name().startsWith("commit") || name.name().startsWith("poll")))) {
                Object v = metric.metricValue();
                if (v instanceof Number n) {
                    out.put(name.name(), n.doubleValue());
                }
            }
        });
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        planner.close();
        kafka.close();
    }
}

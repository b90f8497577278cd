package dev.barfill.sink;

import dev.barfill.core.ChunkEvent;
import dev.barfill.core.DayBars;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sink role: each polled batch of days is written in one transaction; then a WRITTEN event
 * per day is produced and acknowledged; only then are the offsets committed. A crash anywhere
 * in between replays the batch, which the upserts and the planner's day-counts-once rule absorb.
 */
public final class SinkService implements AutoCloseable {
    private final Topics topics;
    private final BarWriter writer;
    private final KafkaProducer<String, ChunkEvent> producer;
    private final BatchConsumerLoop<DayBars> loop;
    private final Thread thread;
    private final Clock clock;

    public SinkService(SinkConfig config, BarWriter writer, Clock clock) {
        this.topics = config.kafka().topics();
        this.writer = writer;
        this.clock = clock;
        this.producer = new KafkaProducer<>(KafkaClients.durableProducer(config.kafka(), "barfill-sink"),
                new StringSerializer(), topics.chunkEvents.valueSerde().serializer());
        Properties consumer = KafkaClients.committingConsumer(config.kafka(), config.groupId(), "barfill-sink");
        consumer.put("max.poll.records", Integer.toString(config.maxPollRecords()));
        this.loop = new BatchConsumerLoop<>("sink", consumer, topics.bars, this::handle);
        this.thread = new Thread(loop, "sink");
    }

    public void start() {
        thread.start();
    }

    void handle(List<ConsumerRecord<String, DayBars>> batch) throws Exception {
        // The last copy of a day wins: a replay inside one batch must not hit a row twice.
        Map<String, DayBars> days = new LinkedHashMap<>();
        for (ConsumerRecord<String, DayBars> record : batch) {
            if (record.value() != null) {
                days.put(record.value().chunkKey().key(), record.value());
            }
        }
        writer.write(days.values());
        List<Future<RecordMetadata>> acks = new ArrayList<>(days.size());
        for (DayBars day : days.values()) {
            acks.add(producer.send(new ProducerRecord<>(topics.chunkEvents.name(), day.series().key(),
                    ChunkEvent.written(day, clock.instant()))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        producer.close(Duration.ofSeconds(5));
    }
}

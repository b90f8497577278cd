package dev.barfill.app.dlq;

import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces a {@link ReplayPlan} with a durable producer and waits for every acknowledgement. */
public final class DlqReplayer {
    private DlqReplayer() {
    }

    public static void produce(KafkaSettings kafka, List<ReplayPlan.Replay> plan)
            throws InterruptedException, ExecutionException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.durableProducer(kafka, "barfill-dlq-replay"), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ReplayPlan.Replay r : plan) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(r.topic(), r.key(), r.value());
                r.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }
}

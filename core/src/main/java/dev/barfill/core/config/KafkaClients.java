package dev.barfill.core.config;

import java.util.Properties;

/** Shared Kafka client settings, so every role talks to the cluster the same way. */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** Producer settings for records that must not be lost: all replicas, idempotent. */
    public static Properties durableProducer(KafkaSettings kafka, String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("client.id", clientId);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        p.put("compression.type", "lz4");
        p.put("max.request.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }

    /** Consumer settings for a role's group: manual commits after the effect is durable. */
    public static Properties committingConsumer(KafkaSettings kafka, String groupId, String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", groupId);
        p.put("client.id", clientId);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        // A member that died without leaving holds its partitions until this runs out.
        p.put("session.timeout.ms", "10000");
        p.put("heartbeat.interval.ms", "2000");
        return p;
    }
}

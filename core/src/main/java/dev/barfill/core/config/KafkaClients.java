package dev.barfill.core.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Shared Kafka client settings, so every role talks to the cluster the same way. Every client
 * starts from {@link #connection}: the brokers plus the {@code kafka.client.*} settings (security
 * protocol, SASL, TLS), so a secured cluster is reached by producers, consumers, Streams and admin
 * clients alike.
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** How to reach the cluster: {@code bootstrap.servers} and the configured client settings. */
    public static Properties connection(KafkaSettings kafka) {
        Properties p = new Properties();
        p.putAll(kafka.client());
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }

    /** Settings of an admin client ({@code Admin.create(KafkaClients.admin(kafka))}). */
    public static Map<String, Object> admin(KafkaSettings kafka) {
        Map<String, Object> m = new HashMap<>();
        connection(kafka).forEach((k, v) -> m.put((String) k, v));
        return m;
    }

    /** Producer settings for records that must not be lost: all replicas, idempotent. */
    public static Properties durableProducer(KafkaSettings kafka, String clientId) {
        Properties p = connection(kafka);
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
        Properties p = connection(kafka);
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

package dev.barfill.core.config;

import dev.barfill.core.kafka.Topics;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the cluster is, how barfill's clients reach it, and how topics are named and created.
 *
 * @param bootstrapServers  host:port list of the brokers
 * @param topicPrefix       prefix of every topic name, {@code barfill.} by default
 * @param partitions        partitions of the keyed topics when barfill creates them
 * @param replicationFactor replicas of each topic when barfill creates them
 * @param client            Kafka client settings given to every producer, consumer, Streams client and
 *                          admin client (settings {@code kafka.client.*}: {@code security.protocol},
 *                          {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.*}...)
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
                            Map<String, String> client) {
    /** Client settings whose values are credentials: shown as **** wherever settings are printed. */
    private static final Pattern SECRET = Pattern.compile(".*(password|secret|jaas|token|credentials|user\\.info).*");

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap-servers is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("kafka.partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("kafka.replication-factor must be at least 1, got " + replicationFactor);
        }
        client = Map.copyOf(client == null ? Map.of() : client);
        for (String owned : new String[] {"bootstrap.servers", "group.id", "client.id", "application.id"}) {
            if (client.containsKey(owned)) {
                throw new IllegalArgumentException("kafka.client." + owned + " cannot be set: barfill sets "
                        + owned + " itself" + (owned.equals("bootstrap.servers") ? " (use kafka.bootstrap-servers)" : ""));
            }
        }
    }

    /** Settings without extra client settings (a cluster reached in plain text). */
    public KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor) {
        this(bootstrapServers, topicPrefix, partitions, replicationFactor, Map.of());
    }

    public static KafkaSettings local(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Topics.DEFAULT_PREFIX, 6, (short) 1);
    }

    public Topics topics() {
        return new Topics(topicPrefix, partitions);
    }

    /** Whether a client setting holds a credential, such as {@code sasl.jaas.config} or {@code ssl.key.password}. */
    public static boolean isSecret(String clientKey) {
        return SECRET.matcher(clientKey.toLowerCase(java.util.Locale.ROOT)).matches();
    }

    /** The client settings as they may be logged: credentials masked. */
    public Map<String, String> clientShown() {
        Map<String, String> shown = new TreeMap<>();
        client.forEach((k, v) -> shown.put(k, isSecret(k) && !v.isEmpty() ? "****" : v));
        return shown;
    }

    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix + ", partitions="
                + partitions + ", replicationFactor=" + replicationFactor + ", client=" + clientShown() + "]";
    }
}

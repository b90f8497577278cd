package dev.barfill.core.config;

import dev.barfill.core.kafka.Topics;

/**
 * Where the cluster is and how topics are named and created.
 *
 * @param bootstrapServers  host:port list of the brokers
 * @param topicPrefix       prefix of every topic name, {@code barfill.} by default
 * @param partitions        partitions of the keyed topics when barfill creates them
 * @param replicationFactor replicas of each topic when barfill creates them
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor) {

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
    }

    public static KafkaSettings local(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Topics.DEFAULT_PREFIX, 6, (short) 1);
    }

    public Topics topics() {
        return new Topics(topicPrefix, partitions);
    }
}

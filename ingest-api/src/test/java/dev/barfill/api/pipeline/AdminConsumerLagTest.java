package dev.barfill.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.config.KafkaSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminConsumerLagTest {

    @Test
    void shouldReachASecuredClusterWithTheClientSettingsWhenRecountingLag() {
        KafkaSettings sasl = new KafkaSettings("broker-1:9093", "barfill.", 6, (short) 3, Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));

        Map<String, Object> config = AdminConsumerLag.recountConsumer(sasl);

        assertThat(config).containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    @Test
    void shouldRecountWithoutAGroupAndOnlyCommittedRecords() {
        Map<String, Object> config = AdminConsumerLag.recountConsumer(KafkaSettings.local("127.0.0.1:9092"));

        assertThat(config).containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("client.id", "barfill-api-lag")
                .doesNotContainKey("group.id")
                .doesNotContainKey("security.protocol");
    }
}

package dev.barfill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.config.KafkaSettings;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class RequestCommandTest {

    private static RequestCommand parsed(String... args) {
        RequestCommand command = new RequestCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldReachTheClusterWithTheKafkaClientSettingsWhenProducingStraightOntoKafka() {
        RequestCommand command = parsed("AAPL", "--days", "4", "--bootstrap-servers", "broker-1:9093",
                "--set", "kafka.client.security.protocol=SASL_SSL", "--set", "kafka.client.sasl.mechanism=PLAIN");

        KafkaSettings kafka = command.kafka();

        assertThat(kafka.bootstrapServers()).isEqualTo("broker-1:9093");
        assertThat(kafka.client()).containsEntry("sasl.mechanism", "PLAIN").containsEntry("security.protocol", "SASL_SSL");
        assertThat(kafka.topicPrefix()).isEqualTo("barfill.");
    }

    @Test
    void shouldLetTheTopicPrefixOptionWinOverTheSetting() {
        RequestCommand command = parsed("AAPL", "--days", "4", "--bootstrap-servers", "broker-1:9093",
                "--set", "kafka.topic-prefix=fromset.", "--topic-prefix", "option.");

        assertThat(command.kafka().topicPrefix()).isEqualTo("option.");
        assertThat(parsed("AAPL", "--days", "4", "--bootstrap-servers", "broker-1:9093",
                "--set", "kafka.topic-prefix=fromset.").kafka().topicPrefix()).isEqualTo("fromset.");
    }

    @Test
    void shouldNameAMisspeltKafkaSettingInsteadOfProducing() {
        RequestCommand command = parsed("AAPL", "--days", "4", "--bootstrap-servers", "broker-1:9093",
                "--set", "kafka.topic-prefx=typo.");

        assertThatThrownBy(command::kafka).hasMessageContaining("unknown setting kafka.topic-prefx");
    }
}

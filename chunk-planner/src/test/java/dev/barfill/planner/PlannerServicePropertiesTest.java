package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the planner's settings tell Kafka Streams. */
class PlannerServicePropertiesTest {
    private static final PlannerConfig CONFIG = PlannerConfig.defaults(
            new KafkaSettings("k:9092", Topics.DEFAULT_PREFIX, 6, (short) 1), Path.of("state"));

    @Test
    void shouldPollForTheConfiguredIntervalWithExactlyOnce() {
        assertThat(PlannerService.properties(CONFIG))
                .containsEntry("poll.ms", Long.toString(PlannerConfig.DEFAULT_POLL_MILLIS))
                .containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(PlannerService.properties(CONFIG.withPollInterval(Duration.ofMillis(100))))
                .containsEntry("poll.ms", "100");
    }
}

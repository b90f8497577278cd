package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingSources;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md names every topic, consumer group and Streams application id the code declares;
 * docs/OPERATIONS.md every topic and every dead-letter header.
 */
class DesignDocTest {
    private static final Path DESIGN = Path.of("..", "docs", "DESIGN.md");
    private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");

    @TempDir
    Path dir;

    @Test
    void shouldNameEveryDeclaredTopic() throws Exception {
        String design = Files.readString(DESIGN);
        Topics topics = Topics.defaults();
        List<String> suffixes = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            suffixes.add(topic.name().substring(topics.prefix().length()));
        }

        assertThat(suffixes).hasSizeGreaterThan(10)
                .allSatisfy(suffix -> assertThat(design).as("docs/DESIGN.md names topic %s", suffix)
                        .contains("`" + suffix + "`"));
    }

    @Test
    void shouldListEveryTopicAndEveryDeadLetterHeaderInTheOperationsGuide() throws Exception {
        String operations = Files.readString(OPERATIONS);
        Topics topics = Topics.defaults();
        List<String> headers = new ArrayList<>();
        for (Field f : DeadLetters.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().endsWith("_PREFIX")) {
                headers.add((String) f.get(null));
            }
        }

        assertThat(headers).hasSizeGreaterThan(10).allSatisfy(header -> assertThat(operations)
                .as("docs/OPERATIONS.md names header %s", header).contains("`" + header + "`"));
        assertThat(topics.all()).allSatisfy(topic -> {
            String suffix = topic.name().substring(topics.prefix().length());
            String tier = suffix.replaceFirst("retry-\\d+$", "retry-1..3");
            assertThat(operations).as("docs/OPERATIONS.md lists topic %s", suffix)
                    .containsAnyOf("`" + suffix + "`", "`" + tier + "`");
        });
    }

    @Test
    void shouldNameEveryConsumerGroupAndApplicationIdTheRolesUseByDefault() throws Exception {
        String design = Files.readString(DESIGN);
        Path config = dir.resolve("barfill.properties");
        Files.writeString(config, "kafka.bootstrap-servers=k:9092\nfetcher.provider-url=http://sim:8090\n");
        RoleConfigs roles = new RoleConfigs(SettingSources.load(config, Map.of(), Map.of()));

        List<String> ids = List.of(roles.planner().applicationId(), roles.fetcher().groupId(),
                roles.fetcher().retryGroupId(), roles.sink().groupId(), roles.sink().jobsGroupId());

        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(design).as("docs/DESIGN.md names %s", id).contains("`" + id + "`"));
    }
}

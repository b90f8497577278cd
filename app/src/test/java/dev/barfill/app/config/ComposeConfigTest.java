package dev.barfill.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The config file every compose service mounts must start every role: a key a role no longer
 * knows would stop that container at start. The environment is what docker-compose.yml sets.
 */
class ComposeConfigTest {
    private static final Path FILE = Path.of("..", "docker", "barfill.properties");
    private static final Map<String, String> COMPOSE_ENV = Map.of(
            "BARFILL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "BARFILL_DB_URL", "jdbc:postgresql://postgres:5432/barfill",
            "BARFILL_FETCHER_PROVIDER_URL", "http://simulator:8090");

    private static RoleConfigs configs() {
        return new RoleConfigs(SettingSources.load(FILE, COMPOSE_ENV, Map.of()));
    }

    @Test
    void shouldStartEveryRoleFromTheComposeConfigFile() {
        assertThat(Files.exists(FILE)).as(FILE.toAbsolutePath().toString()).isTrue();
        // As a role command does: bind the role's settings, then refuse keys it does not know.
        assertThatCode(() -> {
            RoleConfigs c = configs();
            assertThat(c.fetcher().providers().get(0).baseUrl()).isEqualTo("http://simulator:8090");
            c.rejectUnknown("fetcher.");
        }).doesNotThrowAnyException();
        assertThatCode(() -> {
            RoleConfigs c = configs();
            c.database();
            c.sink();
            c.rejectUnknown("sink.");
        }).as("sink").doesNotThrowAnyException();
        assertThatCode(() -> {
            RoleConfigs c = configs();
            c.database();
            c.planner();
            c.rejectUnknown("planner.");
        }).as("planner").doesNotThrowAnyException();
        assertThatCode(() -> {
            RoleConfigs c = configs();
            c.database();
            c.api();
            c.rejectUnknown("api.");
        }).as("api").doesNotThrowAnyException();
        RoleConfigs c = configs();
        assertThat(c.sink().maxPollRecords()).isEqualTo(200);
        assertThat(c.planner().streamThreads()).isEqualTo(1);
        assertThat(c.api().port()).isEqualTo(8080);
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.app.config.ConfigException;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code barfill run} and {@code demo} embed, from their flags and {@code --config FILE}, parsed as the CLI does. */
class GivenInfrastructureTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream notices = new ByteArrayOutputStream();

    private EmbeddedStack.Options given(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return new GivenInfrastructure(run.stack.settings.load(run.stack.flags()), run.stack.partitions,
                new PrintStream(notices, true, StandardCharsets.UTF_8)).apply(EmbeddedStack.Options.defaults());
    }

    @Test
    void shouldEmbedBothWhenNothingIsGiven() {
        EmbeddedStack.Options options = given();
        assertThat(options.kafka()).isEmpty();
        assertThat(options.database()).isEmpty();
    }

    @Test
    void shouldUseTheGivenDatabaseAndClusterFromTheFlagsWithThePasswordFromItsFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "s3cret\n");
        EmbeddedStack.Options options = given("--db-url", "jdbc:postgresql://db:5432/market", "--db-user", "trader",
                "--db-password-file", secret.toString(), "--bootstrap-servers", "k1:9092,k2:9092", "--partitions", "3");

        DatabaseSettings db = options.database().orElseThrow();
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/market");
        assertThat(db.user()).isEqualTo("trader");
        assertThat(db.password()).isEqualTo("s3cret");
        assertThat(db.schema()).isEqualTo("barfill");
        assertThat(db.poolSize()).isEqualTo(GivenInfrastructure.POOL_SIZE);
        KafkaSettings kafka = options.kafka().orElseThrow();
        assertThat(kafka.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(kafka.partitions()).isEqualTo(3);
    }

    @Test
    void shouldReadTheRoleCommandsKeysFromTheConfigFileAndEmbedWhatItDoesNotName() throws Exception {
        Path config = Files.writeString(dir.resolve("barfill.properties"), """
                db.url=jdbc:postgresql://db:5432/market
                db.user=trader
                db.password=pw
                db.schema=bars
                sink.write-mode=multi-row
                """);
        EmbeddedStack.Options options = given("--config", config.toString());

        assertThat(options.database()).hasValueSatisfying(db -> {
            assertThat(db.user()).isEqualTo("trader");
            assertThat(db.schema()).isEqualTo("bars");
        });
        assertThat(options.kafka()).as("no kafka.bootstrap-servers: embedded").isEmpty();
        assertThat(notices.toString(StandardCharsets.UTF_8)).contains("not read here: sink.write-mode");
    }

    @Test
    void shouldRefuseConnectionDetailsWithoutTheConnectionTheyBelongTo() {
        assertThatThrownBy(() -> given("--db-user", "trader")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("db.user set without db.url (--db-url)");
        assertThatThrownBy(() -> given("--set", "kafka.partitions=3")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("without kafka.bootstrap-servers (--bootstrap-servers)");
        assertThatThrownBy(() -> given("--db-url", "jdbc:postgresql://db/market", "--set", "db.pool-sise=4"))
                .hasMessageStartingWith("unknown setting db.pool-sise");
    }
}

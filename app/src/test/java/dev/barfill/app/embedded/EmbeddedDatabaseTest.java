package dev.barfill.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.app.Main;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A platform this build has no PostgreSQL binaries for, simulated by resolvers that find none. */
class EmbeddedDatabaseTest {
    private static final PgBinaryResolver FINDS_NOTHING = (system, architecture) -> null;
    // What zonky's default resolver throws when no binaries artifact for the platform is on the class path.
    private static final PgBinaryResolver ZONKY_MISSING = (system, architecture) -> {
        throw new IllegalStateException("Missing embedded postgres binaries");
    };

    @TempDir
    Path dir;

    @Test
    void shouldSayInOneSentenceThatItCannotEmbedPostgresHereAndNameTheDbUrlWayOut() {
        for (PgBinaryResolver missing : new PgBinaryResolver[] {FINDS_NOTHING, ZONKY_MISSING}) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("postgres"), Ports.free(), missing))
                    .isInstanceOf(EmbeddedDatabase.UnsupportedPlatformException.class)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("barfill cannot embed PostgreSQL on this platform (")
                    .hasMessageContaining("--db-url jdbc:postgresql://")
                    .hasMessageContaining("--db-password-file")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(dir.resolve("postgres/PG_VERSION")).as("nothing initialised").doesNotExist();
    }

    @Test
    void shouldLeaveOtherBinaryProblemsOfZonkyAsTheyAre() {
        PgBinaryResolver duplicate = (system, architecture) -> {
            throw new IllegalStateException("Duplicate embedded postgres binaries");
        };
        assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("postgres"), Ports.free(), duplicate))
                .isNotInstanceOf(EmbeddedDatabase.UnsupportedPlatformException.class)
                .hasMessage("Duplicate embedded postgres binaries");
    }

    @Command(name = "start-db")
    static final class StartDatabase implements Callable<Integer> {
        final Path dir;

        StartDatabase(Path dir) {
            this.dir = dir;
        }

        @Override
        public Integer call() {
            EmbeddedDatabase.start(dir, Ports.free(), FINDS_NOTHING).close();
            return 0;
        }
    }

    @Test
    void shouldReachTheUserAsOneErrorLineWithoutAStackTrace() throws Exception {
        CommandLine cli = Main.commandLine();
        cli.addSubcommand("start-db", new StartDatabase(dir.resolve("postgres")));
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("start-db");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("error: barfill cannot embed PostgreSQL on this platform").contains("--db-url");
        assertThat(err.toString() + out).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.exists(dir.resolve("postgres/PG_VERSION"))).isFalse();
    }
}

package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.barfill.app.embedded.EmbeddedDatabase;
import dev.barfill.app.embedded.Ports;

/**
 * The README's role commands, exactly as documented ({@code java -jar app/target/barfill.jar ROLE
 * --config barfill.properties}), run against the packaged jar with the compose config file and
 * {@code --check}: the jar starts on its own manifest class path (no {@code -cp}), binds every setting
 * and exits 0. Running the roles for real against a cluster is the layout's own test.
 */
@Timeout(300)
class JavaJarIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PREFIX = "java -jar app/target/barfill.jar ";

    @TempDir
    Path dir;

    /** Every {@code java -jar} line of the README, without its trailing comment. */
    private static List<String> documentedCommands() throws Exception {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith(PREFIX)) {
                commands.add(line.replaceAll("\\s+#.*$", "").trim());
            }
        }
        return commands;
    }

    @Test
    void shouldRunEveryDocumentedRoleCommandFromTheJarAlone() throws Exception {
        List<String> commands = documentedCommands();
        assertThat(commands).extracting(c -> c.split("\\s+")[3])
                .contains("migrate", "sink", "planner", "fetcher", "api");
        // `migrate` runs for real against a PostgreSQL of its own; the roles bind and check their settings.
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), Ports.free());
        for (String documented : commands) {
            List<String> args = new ArrayList<>(Arrays.asList(documented.split("\\s+")));
            args.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The file the README names is the user's; the compose one stands in for it.
            args.replaceAll(a -> a.equals("barfill.properties") ? "docker/barfill.properties" : a);
            boolean migrate = args.get(3).equals("migrate");
            if (!migrate && !args.contains("--check")) {
                args.add("--check");
            }
            ProcessBuilder builder = new ProcessBuilder(args).directory(ROOT.toFile()).redirectErrorStream(true);
            builder.environment().put("BARFILL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            builder.environment().put("BARFILL_DB_URL", migrate ? db.jdbcUrl() : "jdbc:postgresql://postgres:5432/barfill");
            builder.environment().put("BARFILL_FETCHER_PROVIDER_URL", "http://simulator:8090");
            Process p = builder.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(documented).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(documented + "\n" + out).isZero();
            if (migrate) {
                assertThat(out).as(documented).containsPattern("schema at version \\d+");
            } else {
                assertThat(out).as(documented).contains("kafka.bootstrap-servers").doesNotContain("NoClassDefFoundError");
            }
        }
        db.close();
    }
}

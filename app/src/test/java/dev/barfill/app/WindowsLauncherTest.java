package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code barfill.cmd}, read as text: no Windows machine runs these tests, so what can be checked
 * here is that it builds and runs the jar the build makes, with every argument, in the line endings
 * cmd.exe parses reliably.
 */
class WindowsLauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldBuildTheJarWithTheWrapperWhenMissingAndRunItWithEveryArgument() throws Exception {
        String cmd = Files.readString(ROOT.resolve("barfill.cmd"), StandardCharsets.US_ASCII);
        String pom = Files.readString(ROOT.resolve("app/pom.xml"));

        assertThat(cmd.replace("\r\n", "")).as("CRLF line endings only").doesNotContain("\n");
        assertThat(pom).contains("<finalName>barfill</finalName>");
        assertThat(cmd).contains("set \"JAR=%ROOT%app\\target\\barfill.jar\"")
                .contains("if not exist \"%JAR%\"")
                .contains("call mvnw.cmd -q -B -DskipTests package")
                .contains("java %BARFILL_JAVA_OPTS% -jar \"%JAR%\" %*")
                .contains("barfill needs Java 17 or newer");
        assertThat(ROOT.resolve("mvnw.cmd")).exists();
    }
}

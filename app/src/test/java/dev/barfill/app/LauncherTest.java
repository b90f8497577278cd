package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./barfill} launcher refuses a Java older than 17 with one sentence, before it builds anything. */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "barfill").toAbsolutePath().normalize();

    @TempDir
    Path bin;

    private Process launch(String fakeVersionLine) throws Exception {
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '" + fakeVersionLine + "' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "--help").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p;
    }

    @Test
    void shouldRefuseJavaElevenNamingTheVersionItNeeds() throws Exception {
        Process p = launch("openjdk version \"11.0.22\" 2024-01-16");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("barfill needs Java 17 or newer").contains("11.0.22").doesNotContain("building");
    }

    @Test
    void shouldRefuseTheOldVersionScheme() throws Exception {
        Process p = launch("java version \"1.8.0_392\"");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("1.8.0_392");
    }
}

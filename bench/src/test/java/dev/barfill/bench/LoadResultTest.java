package dev.barfill.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadResultTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatTheGeneratorWrote() throws Exception {
        Path file = dir.resolve("out.txt");
        new LoadResult(4, 1, 2_000_000_000L, new double[] {1.5, 2.25, 30.125, 0.5}).write(file);

        LoadResult read = LoadResult.read(file);

        assertThat(read.sent()).isEqualTo(4);
        assertThat(read.errors()).isEqualTo(1);
        assertThat(read.latenciesMillis()).containsExactly(1.5, 2.25, 30.125, 0.5);
        assertThat(read.achievedRate()).isEqualTo(2.0);
    }

    @Test
    void shouldNameTheLineOfALatencyThatIsNotANumber() throws Exception {
        Path file = dir.resolve("out.txt");
        Files.writeString(file, "2 0 1000\n1.0\nabc\n");

        assertThatThrownBy(() -> LoadResult.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency on line 3").hasMessageContaining("abc");
    }

    @Test
    void shouldRefuseAFileWithFewerLatenciesThanRequestsSent() throws Exception {
        Path file = dir.resolve("out.txt");
        Files.writeString(file, "3 0 1000\n1.0\n");

        assertThatThrownBy(() -> LoadResult.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latencies").hasMessageContaining("3");
    }
}

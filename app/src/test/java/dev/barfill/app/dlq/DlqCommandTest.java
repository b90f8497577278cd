package dev.barfill.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DlqCommandTest {

    @Test
    void shouldNameAMisspeltKafkaSettingOnceBeforeReachingTheCluster() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        // Port 1: nothing listens there, so only a settings error can end the command at once.
        int exit = cli.execute("dlq", "list", "--set", "kafka.bootstrap-servers=127.0.0.1:1",
                "--set", "kafka.partitons=3");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: unknown setting kafka.partitons (known: ")
                .contains("kafka.partitions");
        assertThat(err.toString().split("unknown setting kafka.partitons", -1)).as(err.toString()).hasSize(2);
    }
}

package dev.barfill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.api.BulkCoverageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BulkCommandTest {

    private static BulkCoverageRequest requestOf(String... args) {
        BulkCommand command = new BulkCommand();
        new CommandLine(command).parseArgs(args);
        return command.request(List.of("AAPL", "MSFT"));
    }

    @Test
    void shouldAskForARefreshOfEverySymbolWithTheRefreshOption() {
        BulkCoverageRequest request = requestOf("--file", "universe.txt", "--timeframe", "1h", "--days", "30",
                "--refresh");

        assertThat(request.refresh()).isTrue();
        assertThat(request.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(request.timeframe()).isEqualTo("1h");
        assertThat(request.days()).isEqualTo(30);
    }

    @Test
    void shouldSendNoRefreshFieldWithoutTheOption() {
        assertThat(requestOf("--file", "universe.txt", "--days", "30").refresh()).isNull();
    }
}

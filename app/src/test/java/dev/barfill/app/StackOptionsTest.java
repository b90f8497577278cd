package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.fetcher.ProviderSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run} and {@code demo}'s provider options, parsed as picocli parses them; nothing is started. */
class StackOptionsTest {
    private static final String EMBEDDED = "http://127.0.0.1:7001";

    private static List<ProviderSettings> run(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.stack.providers(EMBEDDED);
    }

    private static String describe(ProviderSettings p) {
        return p.name() + " " + p.kind() + " " + p.baseUrl() + " " + p.requestsPerMinute();
    }

    @Test
    void shouldFetchFromTheEmbeddedSimulatorByDefault() {
        assertThat(run()).extracting(StackOptionsTest::describe).containsExactly("yahoo SIMULATOR " + EMBEDDED + " 6000");
    }

    @Test
    void shouldPointAtARealProviderItsPublicUrlOrTheOneGiven() {
        assertThat(run("--provider", "yahoo")).extracting(StackOptionsTest::describe)
                .containsExactly("yahoo YAHOO https://query1.finance.yahoo.com 60");
        assertThat(run("--provider", "yahoo", "--provider-url", "http://127.0.0.1:9000",
                "--fetcher-requests-per-minute", "30")).extracting(StackOptionsTest::describe)
                .containsExactly("yahoo YAHOO http://127.0.0.1:9000 30");
    }

    @Test
    void shouldBuildAFallbackChainInTheOrderGiven() {
        assertThat(run("--providers", "yahoo=http://127.0.0.1:9000,simulator")).extracting(StackOptionsTest::describe)
                .containsExactly("yahoo YAHOO http://127.0.0.1:9000 60", "simulator SIMULATOR " + EMBEDDED + " 6000");
    }

    @Test
    void shouldRefuseABadChoiceNamingTheOption() {
        assertThatThrownBy(() -> run("--provider", "bloomberg"))
                .hasMessage("--provider must be simulator, yahoo, polygon or alpaca, got 'bloomberg'");
        assertThatThrownBy(() -> run("--providers", "yahoo,simulator", "--provider-url", "http://x:1"))
                .hasMessageContaining("--provider-url goes with --provider");
    }

    @Test
    void shouldTakeTheDemosProviderOptionsToo() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--provider", "yahoo", "--provider-url", "http://127.0.0.1:9000");
        assertThat(demo.stack.providers(EMBEDDED)).extracting(StackOptionsTest::describe)
                .containsExactly("yahoo YAHOO http://127.0.0.1:9000 60");
        assertThat(demo.stack.usesEmbeddedSimulator()).isFalse();
    }

    @Test
    void shouldRunTheSimulatorKindlyUnlessTheRealisticProfileIsAsked() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        assertThat(run.stack.simulatorProfile()).isEqualTo(dev.barfill.app.simulator.SimulatorProfile.KIND);
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--simulator-profile", "realistic");
        assertThat(demo.stack.simulatorProfile()).isEqualTo(dev.barfill.app.simulator.SimulatorProfile.REALISTIC);
        RunCommand bad = new RunCommand();
        new CommandLine(bad).parseArgs("--simulator-profile", "harsh");
        assertThatThrownBy(bad.stack::simulatorProfile).hasMessage("--simulator-profile must be one of [kind, realistic],"
                + " got 'harsh'");
    }
}

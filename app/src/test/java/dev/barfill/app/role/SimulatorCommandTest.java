package dev.barfill.app.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.app.config.SimulatorSettings;
import dev.barfill.app.simulator.SimulatorProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

    private static SimulatorSettings settings(String... args) {
        SimulatorCommand command = new SimulatorCommand();
        new CommandLine(command).parseArgs(args);
        return SimulatorCommand.settings(command.settings, command.profile);
    }

    @Test
    void shouldBeKindByDefaultAndRealisticFromTheSettingOrTheOptionWhichWins() {
        assertThat(settings().profile()).isEqualTo(SimulatorProfile.KIND);
        SimulatorSettings set = settings("--set", "simulator.profile=realistic", "--set", "simulator.slow-delay=800ms",
                "--set", "simulator.slow-share=0.5");
        assertThat(set.profile()).isEqualTo(SimulatorProfile.REALISTIC);
        assertThat(set.traits().slowDelay()).isEqualTo(Duration.ofMillis(800));
        assertThat(set.traits().slowShare()).isEqualTo(0.5);
        assertThat(settings("--set", "simulator.profile=realistic", "--simulator-profile", "kind").profile())
                .isEqualTo(SimulatorProfile.KIND);
        assertThat(settings("--simulator-profile", "realistic").profile()).isEqualTo(SimulatorProfile.REALISTIC);
    }

    @Test
    void shouldRefuseABadProfileOrAMisspeltSettingNamingIt() {
        assertThatThrownBy(() -> settings("--simulator-profile", "harsh")).hasMessageContaining("--simulator-profile");
        assertThatThrownBy(() -> settings("--set", "simulator.profile=harsh")).hasMessageContaining("simulator.profile");
        assertThatThrownBy(() -> settings("--set", "simulator.slow-share=2")).hasMessageContaining("simulator.slow-share");
        assertThatThrownBy(() -> settings("--set", "simulator.profil=realistic")).hasMessageContaining("simulator.profil");
    }

    @Test
    void shouldPrintTheEffectiveSettingsWithTheirSourceOnCheck() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            code = new CommandLine(new SimulatorCommand()).execute("--simulator-profile", "realistic", "--check");
        } finally {
            System.setOut(before);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("simulator.profile")
                .contains("realistic").contains("simulator.slow-delay");
    }
}

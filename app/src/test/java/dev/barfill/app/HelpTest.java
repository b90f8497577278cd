package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help that teaches: every command's {@code --help} ends with an example; completion scripts cover every command. */
class HelpTest {
    private static List<CommandLine> everyCommand(CommandLine cli) {
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        cli.getSubcommands().values().forEach(sub -> all.addAll(everyCommand(sub)));
        return all;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        assertThat(exit).as(String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void shouldShowAnExampleInTheHelpOfEveryCommand() {
        List<CommandLine> commands = everyCommand(Main.commandLine());
        assertThat(commands).hasSizeGreaterThan(15);
        for (CommandLine c : commands) {
            assertThat(c.getUsageMessage()).as(c.getCommandSpec().qualifiedName()).contains("Example:\n  ");
        }
        assertThat(run("sink", "--help")).contains("Example:").contains("barfill sink --config barfill.properties");
    }

    @Test
    void shouldPrintCompletionScriptsThatKnowEveryCommand() {
        String bash = run("completion", "bash");
        assertThat(bash).contains("complete -F").contains("migrate").contains("replay").contains("--bootstrap-servers");
        assertThat(run("completion", "zsh")).startsWith("autoload -U +X compinit").contains("bashcompinit")
                .contains("complete -F");
    }
}

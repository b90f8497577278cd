package dev.barfill.app;

import dev.barfill.app.cli.BulkCommand;
import dev.barfill.app.cli.RequestCommand;
import dev.barfill.app.cli.ScheduleCommand;
import dev.barfill.app.cli.StatusCommand;
import dev.barfill.app.cli.WatchCommand;
import dev.barfill.app.dlq.DlqCommand;
import dev.barfill.app.role.ApiCommand;
import dev.barfill.app.role.FetcherCommand;
import dev.barfill.app.role.PlannerCommand;
import dev.barfill.app.role.SimulatorCommand;
import dev.barfill.app.role.SinkCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code barfill} command line. */
@Command(name = "barfill", mixinStandardHelpOptions = true, version = "barfill 0.1.0",
        description = "Keeps intraday OHLC bars complete in PostgreSQL.",
        subcommands = {DemoCommand.class, RunCommand.class,
                RequestCommand.class, BulkCommand.class, StatusCommand.class, WatchCommand.class,
                ApiCommand.class, PlannerCommand.class, FetcherCommand.class, SinkCommand.class, SimulatorCommand.class,
                DlqCommand.class, ScheduleCommand.class, MigrateCommand.class, CompletionCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its examples and error handling, as {@link #main} runs it. */
    public static CommandLine commandLine() {
        CommandLine cli = Examples.install(new CommandLine(new Main()));
        // Bad settings and refused requests are the user's to fix: say what, without a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
                    || e instanceof IllegalStateException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package dev.barfill.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code barfill} command line. */
@Command(name = "barfill", mixinStandardHelpOptions = true, version = "barfill 0.1.0",
        description = "Keeps intraday OHLC bars complete in PostgreSQL.",
        subcommands = {DemoCommand.class, RunCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

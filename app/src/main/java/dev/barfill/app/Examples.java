package dev.barfill.app;

import java.util.Map;
import picocli.CommandLine;

/** One example per command, shown at the end of its {@code --help}; kept here so they read as a set. */
final class Examples {
    private static final Map<String, String> BY_COMMAND = Map.ofEntries(
            Map.entry("barfill", "./barfill demo --symbols AAPL,MSFT --timeframe 15m --days 30"),
            Map.entry("demo", "barfill demo --symbols AAPL,MSFT --timeframe 15m --days 30"),
            Map.entry("run", "barfill run --db-url jdbc:postgresql://localhost:5432/market --db-user barfill"
                    + " --db-password-file ~/.barfill-db --bootstrap-servers localhost:9092   (without them: embedded)"),
            Map.entry("request", "barfill request AAPL --timeframe 15m --days 30 --api http://localhost:8080"),
            Map.entry("bulk", "barfill bulk --file universe.txt --timeframe 15m --days 30"),
            Map.entry("status", "barfill status AAPL-15m-3f2a9c01b7de --json"),
            Map.entry("watch", "barfill watch AAPL-15m-3f2a9c01b7de"),
            Map.entry("api", "barfill api --config barfill.properties --set api.port=8080"),
            Map.entry("planner", "barfill planner --config barfill.properties"),
            Map.entry("fetcher", "barfill fetcher --config barfill.properties --check"),
            Map.entry("sink", "barfill sink --config barfill.properties"),
            Map.entry("simulator", "barfill simulator --port 8090 --latency-ms 50"),
            Map.entry("dlq", "barfill dlq list --topic chunks --config barfill.properties"),
            Map.entry("list", "barfill dlq list --topic bars --config barfill.properties"),
            Map.entry("replay", "barfill dlq replay --topic chunks --key AAPL:15m --config barfill.properties"),
            Map.entry("migrate", "barfill migrate --config barfill.properties"),
            Map.entry("schedule", "barfill schedule list --api http://localhost:8080"),
            Map.entry("schedule add", "barfill schedule add nightly --symbols AAPL,MSFT,NVDA --timeframe 15m --days 30"),
            Map.entry("schedule list", "barfill schedule list --api http://localhost:8080"),
            Map.entry("schedule rm", "barfill schedule rm nightly"),
            Map.entry("completion", "source <(barfill completion bash)"));

    private Examples() {
    }

    /** Adds the example of {@code cli} and of every subcommand below it to their usage help. */
    static CommandLine install(CommandLine cli) {
        // A subcommand name may repeat under two commands (dlq list, schedule list): its parent's name decides.
        String example = cli.getParent() != null && cli.getParent().getParent() != null
                ? BY_COMMAND.getOrDefault(cli.getParent().getCommandName() + " " + cli.getCommandName(),
                        BY_COMMAND.get(cli.getCommandName()))
                : BY_COMMAND.get(cli.getCommandName());
        if (example != null) {
            cli.getCommandSpec().usageMessage().footer("", "Example:", "  " + example);
        }
        cli.getSubcommands().values().forEach(Examples::install);
        return cli;
    }

    static boolean hasExample(String command) {
        return BY_COMMAND.containsKey(command);
    }
}

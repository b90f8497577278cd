package dev.barfill.app.cli;

import dev.barfill.core.Schedule;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code barfill schedule add|list|rm}: standing coverage rules, through the API. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Standing coverage rules: after each session close plus a settle delay, the planner requests the"
                + " last N trading days of every symbol of a schedule, with no outside cron.")
public final class ScheduleCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a schedule, or replace the one of that name.")
    int add(@Mixin ApiOptions api, @Parameters(paramLabel = "NAME", description = "The schedule's name, e.g. nightly.") String name,
            @Option(names = "--symbols", required = true, split = ",", description = "Symbols, comma separated.")
            List<String> symbols,
            @Option(names = "--timeframe", defaultValue = "15m", description = "Timeframe (default: ${DEFAULT-VALUE}).")
            String timeframe,
            @Option(names = "--days", required = true, description = "Window: the last N trading days at each firing.")
            int days,
            @Option(names = "--settle-minutes", defaultValue = "15",
                    description = "Minutes after the close before asking (default: ${DEFAULT-VALUE}).") int settle,
            @Option(names = "--cron", description = "Instead of after each close: a cron expression in the exchange's"
                    + " time zone, e.g. '30 17 * * 1-5'.") String cron)
            throws Exception {
        var stored = api.client().createSchedule(new Schedule(name, symbols, timeframe, days, settle, null, cron));
        out().printf("schedule %s: %d symbol(s) at %s, last %d trading days, %s (created %s)%n",
                stored.path("name").asText(), stored.path("symbols").size(), stored.path("timeframe").asText(),
                stored.path("days").asInt(), stored.hasNonNull("cron") ? "at cron '" + stored.path("cron").asText() + "'"
                        : stored.path("settleMinutes").asInt() + " min after each close",
                stored.path("createdAt").asText());
        out().flush();
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every schedule.")
    int list(@Mixin ApiOptions api) throws Exception {
        List<Schedule> all = api.client().schedules();
        for (Schedule s : all) {
            out().printf("%-20s %-4s %4d days  %-16s %s%n", s.name(), s.timeframe(), s.days(),
                    s.cron() != null ? "cron " + s.cron() : "close +" + s.settleMinutes() + " min",
                    String.join(",", s.symbols()));
        }
        out().printf("%d schedule(s)%n", all.size());
        out().flush();
        return 0;
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a schedule; it fires no more.")
    int rm(@Mixin ApiOptions api, @Parameters(paramLabel = "NAME") String name) throws Exception {
        if (!api.client().deleteSchedule(name)) {
            spec.commandLine().getErr().printf("no schedule %s%n", name);
            return 1;
        }
        out().printf("schedule %s deleted%n", name);
        out().flush();
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

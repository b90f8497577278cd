package dev.barfill.app.role;

import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.time.Clocks;
import picocli.CommandLine.Command;

/** {@code barfill fetcher}: fetches chunks from the provider and produces their bars. */
@Command(name = "fetcher", mixinStandardHelpOptions = true,
        description = "Run the fetcher role: chunks to provider calls to bars (consumer group barfill-fetcher).")
public final class FetcherCommand extends RoleCommand {
    @Override
    protected String prefix() {
        return "fetcher.";
    }

    @Override
    protected void parse(RoleConfigs c) {
        c.fetcher();
    }

    @Override
    protected AutoCloseable start(RoleConfigs c) {
        Roles.ensureTopics(c.kafka());
        return started(Roles.startFetcher(c.fetcher(), CalendarRegistry.defaults(), Clocks.fromEnvironment()));
    }
}

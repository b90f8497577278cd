package dev.barfill.app.role;

import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.time.Clocks;
import picocli.CommandLine.Command;

/** {@code barfill api}: the REST API (coverage, jobs, bars). */
@Command(name = "api", mixinStandardHelpOptions = true, description = "Run the REST API role.")
public final class ApiCommand extends RoleCommand {
    @Override
    protected String prefix() {
        return "api.";
    }

    @Override
    protected void parse(RoleConfigs c) {
        // The API produces requests and reads progress: its Kafka settings are checked at start too.
        c.kafka();
        c.api();
        c.database();
    }

    @Override
    protected AutoCloseable start(RoleConfigs c) {
        return withDatabase(c, "barfill-api", false, pool ->
                started(Roles.startApi(c.kafka(), c.api(), pool, CalendarRegistry.defaults(), Clocks.fromEnvironment())));
    }
}

package dev.barfill.app.role;

import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.time.Clocks;
import picocli.CommandLine.Command;

/** {@code barfill planner}: the Kafka Streams planner; reads stored coverage from PostgreSQL. */
@Command(name = "planner", mixinStandardHelpOptions = true,
        description = "Run the chunk planner (Kafka Streams application barfill-planner).")
public final class PlannerCommand extends RoleCommand {
    @Override
    protected String prefix() {
        return "planner.";
    }

    @Override
    protected void parse(RoleConfigs c) {
        c.planner();
        c.database();
    }

    @Override
    protected AutoCloseable start(RoleConfigs c) {
        return withDatabase(c, "barfill-planner", false, pool ->
                Roles.startPlanner(c.planner(), pool, CalendarRegistry.defaults(), Clocks.fromEnvironment()));
    }
}

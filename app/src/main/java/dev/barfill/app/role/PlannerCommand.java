package dev.barfill.app.role;

import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.time.Clocks;
import java.util.concurrent.CompletableFuture;
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

    private final CompletableFuture<String> ended = new CompletableFuture<>();

    @Override
    protected AutoCloseable start(RoleConfigs c) {
        return withDatabase(c, "barfill-planner", false, pool -> {
            Roles roles = started(Roles.startPlanner(c.planner(), pool, CalendarRegistry.defaults(), Clocks.fromEnvironment()));
            roles.ended().thenAccept(ended::complete);
            return roles;
        });
    }

    /** The planner's Kafka Streams client ended without being closed: the process exits 1. */
    @Override
    protected CompletableFuture<String> ended() {
        return ended;
    }
}

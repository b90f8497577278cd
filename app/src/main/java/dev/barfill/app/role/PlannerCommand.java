package dev.barfill.app.role;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.Database;
import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.sink.Migrations;
import java.time.Clock;
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
        Resources r = new Resources();
        try {
            HikariDataSource pool = r.add(Database.pool(c.database(), "barfill-planner"));
            // It reads bar_coverage: bring the schema up to date in case it starts before the sink
            // (Flyway serialises concurrent migrations with a lock).
            Migrations.migrate(pool);
            Roles.ensureTopics(c.kafka());
            r.add(Roles.startPlanner(c.planner(), pool, CalendarRegistry.defaults(), Clock.systemUTC()));
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }
}

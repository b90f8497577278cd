package dev.barfill.app.role;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.Database;
import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.sink.Migrations;
import java.time.Clock;
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
        c.api();
        c.database();
    }

    @Override
    protected AutoCloseable start(RoleConfigs c) {
        Resources r = new Resources();
        try {
            HikariDataSource pool = r.add(Database.pool(c.database(), "barfill-api"));
            // It reads bar_coverage: bring the schema up to date in case it starts before the sink
            // (Flyway serialises concurrent migrations with a lock).
            Migrations.migrate(pool);
            Roles.ensureTopics(c.kafka());
            r.add(Roles.startApi(c.kafka(), c.api(), pool, CalendarRegistry.defaults(), Clock.systemUTC()));
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }
}

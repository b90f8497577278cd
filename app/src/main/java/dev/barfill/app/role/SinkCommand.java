package dev.barfill.app.role;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.Database;
import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.sink.Migrations;
import java.time.Clock;
import picocli.CommandLine.Command;

/** {@code barfill sink}: migrates the schema (Flyway), then writes bars from {@code bars} to PostgreSQL. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Run the sink role: Flyway migrations, then bars to PostgreSQL (consumer group barfill-sink).")
public final class SinkCommand extends RoleCommand {
    @Override
    protected String prefix() {
        return "sink.";
    }

    @Override
    protected void parse(RoleConfigs c) {
        c.sink();
        c.database();
    }

    @Override
    protected AutoCloseable start(RoleConfigs c) {
        Resources r = new Resources();
        try {
            HikariDataSource pool = r.add(Database.pool(c.database(), "barfill-sink"));
            Migrations.migrate(pool);
            Roles.ensureTopics(c.kafka());
            r.add(Roles.startSink(c.sink(), pool, Clock.systemUTC()));
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }
}

package dev.barfill.app.role;

import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.core.time.Clocks;
import picocli.CommandLine.Command;

/**
 * {@code barfill sink}: migrates the schema (Flyway) unless {@code sink.migrate-on-start=false}, then
 * writes bars from {@code bars} to PostgreSQL.
 */
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
        return withDatabase(c, "barfill-sink", c.sink().migrateOnStart(),
                pool -> started(Roles.startSink(c.sink(), pool, Clocks.fromEnvironment())));
    }
}

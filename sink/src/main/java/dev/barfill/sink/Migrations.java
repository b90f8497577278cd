package dev.barfill.sink;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The schema's one owner: the Flyway migrations under {@code db/migration}. {@code barfill migrate}
 * and the sink (unless {@code sink.migrate-on-start=false}) apply them; every other role only
 * {@linkplain #requireCurrent checks} that the schema is where this build needs it.
 */
public final class Migrations {
    private Migrations() {
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    /** @return how many migrations were applied now */
    public static int migrate(DataSource dataSource) {
        return flyway(dataSource).migrate().migrationsExecuted;
    }

    /** The applied schema version, or {@code "none"} on a database barfill has not migrated yet. */
    public static String currentVersion(DataSource dataSource) {
        MigrationInfo current = flyway(dataSource).info().current();
        return current == null ? "none" : current.getVersion().toString();
    }

    /**
     * Returns when every migration of this build is applied; otherwise fails saying what to run,
     * so a role never works against a schema it does not know.
     */
    public static void requireCurrent(DataSource dataSource) {
        MigrationInfoService info = flyway(dataSource).info();
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            String current = info.current() == null ? "not created yet" : "at version " + info.current().getVersion();
            throw new IllegalStateException("the barfill schema is " + current + " but this build needs version "
                    + pending[pending.length - 1].getVersion() + ": run `barfill migrate --config FILE`, or start"
                    + " the sink, which migrates unless sink.migrate-on-start=false");
        }
    }
}

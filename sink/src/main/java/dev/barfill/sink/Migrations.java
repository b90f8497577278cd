package dev.barfill.sink;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.common.BaseDataSource;

/**
 * The schema's one owner: the Flyway migrations under {@code db/migration}. {@code barfill migrate}
 * and the sink (unless {@code sink.migrate-on-start=false}) apply them; every other role only
 * {@linkplain #requireCurrent checks} that the schema is where this build needs it.
 *
 * <p>The tables and Flyway's history table go where the data source's connections look: the schema
 * its pool is configured with ({@code db.schema}, {@code barfill} by default, for every pool a role
 * builds), created when missing. So the readers and writers, which use unqualified names, and the
 * migrations always agree, and a user's own {@code ohlc_bars} or {@code flyway_schema_history} in
 * another schema is left alone. A data source with no schema configured (a test's plain one) keeps
 * Flyway's default: the connection's current schema.
 */
public final class Migrations {
    private Migrations() {
    }

    private static Flyway flyway(DataSource dataSource) {
        FluentConfiguration config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        configuredSchema(dataSource).ifPresent(schema -> config.schemas(schema).defaultSchema(schema).createSchemas(true));
        return config.load();
    }

    /**
     * The schema the data source's connections are set to: a Hikari pool's {@code schema}, or
     * pgjdbc's {@code currentSchema} property; empty when neither is set.
     */
    public static Optional<String> configuredSchema(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                return Optional.ofNullable(dataSource.unwrap(HikariDataSource.class).getSchema());
            }
            if (dataSource.isWrapperFor(BaseDataSource.class)) {
                return Optional.ofNullable(dataSource.unwrap(BaseDataSource.class).getCurrentSchema());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + dataSource, e);
        }
        return Optional.empty();
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
            String where = configuredSchema(dataSource).map(s -> " (schema " + s + ")").orElse("");
            String current = info.current() == null ? "not created yet" : "at version " + info.current().getVersion();
            throw new IllegalStateException("the barfill schema" + where + " is " + current
                    + " but this build needs version " + pending[pending.length - 1].getVersion()
                    + ": run `barfill migrate --config FILE`, or start"
                    + " the sink, which migrates unless sink.migrate-on-start=false");
        }
    }
}

package dev.barfill.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final List<String> EARLIER_TABLES = List.of("ohlc_bars", "bar_coverage", "backfill_jobs",
            "flyway_schema_history");

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
        Flyway flyway = flyway(dataSource);
        if (flyway.info().current() == null) {
            warnOfEarlierTables(dataSource);
        }
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * Moves the tables an earlier barfill kept in {@code public} into the data source's schema, when
     * that schema does not exist yet: for a database that is barfill's alone (the embedded one), where
     * nothing else can own them. Returns whether it moved them.
     */
    public static boolean adoptEarlierTables(DataSource dataSource) {
        String schema = configuredSchema(dataSource).orElse("public");
        try (Connection c = dataSource.getConnection()) {
            if (schema.equals("public") || !earlierTablesIn(c) || exists(c, "SELECT to_regnamespace(?)", schema)) {
                return false;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA \"" + schema + "\"");
                for (String table : EARLIER_TABLES) {
                    if (exists(c, "SELECT to_regclass(?)", "public." + table)) {
                        s.execute("ALTER TABLE public." + table + " SET SCHEMA \"" + schema + "\"");
                    }
                }
            }
            c.commit();
            LOG.info("moved the tables of an earlier barfill from schema public to schema {}", schema);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the earlier tables to schema " + schema, e);
        }
    }

    private static void warnOfEarlierTables(DataSource dataSource) {
        String schema = configuredSchema(dataSource).orElse("public");
        try (Connection c = dataSource.getConnection()) {
            if (!schema.equals("public") && earlierTablesIn(c)) {
                LOG.warn("schema public holds ohlc_bars, bar_coverage and a Flyway history, as an earlier barfill"
                        + " kept them; this one creates its tables in schema {}: set db.schema=public to keep using"
                        + " those, or move them (docs/SQL.md, \"A schema of its own\")", schema);
            }
        } catch (SQLException e) {
            LOG.debug("cannot look for earlier tables: {}", e.toString());
        }
    }

    private static boolean earlierTablesIn(Connection c) throws SQLException {
        return exists(c, "SELECT to_regclass(?)", "public.flyway_schema_history")
                && exists(c, "SELECT to_regclass(?)", "public.ohlc_bars")
                && exists(c, "SELECT to_regclass(?)", "public.bar_coverage");
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null;
            }
        }
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

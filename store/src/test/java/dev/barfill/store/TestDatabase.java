package dev.barfill.store;

import dev.barfill.core.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL for the tests of this module, migrated once, stopped with the JVM. Its
 * connections address schema {@code barfill}, as every role's pool does, so the tables live there and
 * unqualified SQL (the writers') and qualified SQL (docs/SQL.md's) both find them. Public and shipped in
 * this module's test-jar so the sink's tests write into the same migrated schema instead of keeping a copy.
 */
public final class TestDatabase {
    private static DataSource dataSource;
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized DataSource get() {
        if (dataSource == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
                dataSource = postgres.getPostgresDatabase(Map.of("currentSchema", DatabaseSettings.DEFAULT_SCHEMA));
                Migrations.migrate(dataSource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataSource;
    }

    public static void execute(String sql) throws SQLException {
        try (Connection c = get().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static long count(String sql) throws SQLException {
        try (Connection c = get().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Another database of the same server, created by the caller. */
    public static synchronized DataSource database(String name) {
        get();
        return postgres.getDatabase("postgres", name);
    }

    /** The JDBC URL of another database of the same server. */
    public static synchronized String jdbcUrl(String name) {
        get();
        return postgres.getJdbcUrl("postgres", name);
    }
}

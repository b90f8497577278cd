package dev.barfill.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
        execute(get(), sql);
    }

    public static long count(String sql) throws SQLException {
        return count(get(), sql);
    }

    public static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row, as a number: a count, a sum. */
    public static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first row, its cells joined by {@code |} (SQL NULL as {@code null}), so one assertion covers a row. */
    public static String row(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for: " + sql);
            }
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cells.add(String.valueOf(rs.getObject(i)));
            }
            return String.join("|", cells);
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

    /** A pool on another database of the same server, bound to {@code schema} as every role's pool is. */
    public static HikariDataSource schemaBoundPool(String database, String schema) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl(database));
        c.setUsername("postgres");
        c.setMaximumPoolSize(2);
        c.setSchema(schema);
        return new HikariDataSource(c);
    }
}

package dev.barfill.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.config.DatabaseSettings;

/**
 * Connection pools. Every role shares these settings; each gets a pool of its own. Every connection
 * addresses barfill's schema ({@code db.schema}) alone, as its {@code search_path}: barfill's SQL stays
 * unqualified, and a table of the same name in another schema of the user's database is never touched.
 * Temp tables still work ({@code pg_temp} is searched first whatever the path), and so do built-in
 * functions ({@code pg_catalog} is always searched).
 */
public final class Database {
    private Database() {
    }

    public static HikariDataSource pool(DatabaseSettings db, String name) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(db.jdbcUrl());
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(db.poolSize());
        // Hikari sets it on every new connection (pgjdbc: SET search_path TO 'schema'), and resets it
        // when a borrower changed it; Migrations reads it back to put Flyway's tables there too.
        c.setSchema(db.schema());
        c.setMinimumIdle(1);
        // Multi-row inserts on the wire for the sink's batched upserts.
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("prepareThreshold", "1");
        c.setInitializationFailTimeout(30_000);
        return new HikariDataSource(c);
    }
}

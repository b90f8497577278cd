package dev.barfill.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.core.config.DatabaseSettings;

/** Connection pools. Every role shares these settings; each gets a pool of its own. */
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
        c.setMinimumIdle(1);
        // Multi-row inserts on the wire for the sink's batched upserts.
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("prepareThreshold", "1");
        c.setInitializationFailTimeout(30_000);
        return new HikariDataSource(c);
    }
}

package dev.barfill.bench.olddesign;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The schema of the design barfill replaces: a job table, a chunk table with one row per day,
 * and a claim function that hands out pending chunks with {@code FOR UPDATE SKIP LOCKED}.
 * Bars go to their own table so the two designs never share rows.
 */
public final class OldDesignSchema {
    private static final String[] DDL = {
        "DROP TABLE IF EXISTS old_bars, old_chunks, old_jobs CASCADE",
        "CREATE TABLE old_jobs (id bigserial PRIMARY KEY, symbol text NOT NULL, timeframe text NOT NULL,"
            + " from_day date NOT NULL, to_day date NOT NULL, status text NOT NULL DEFAULT 'pending',"
            + " created_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz)",
        "CREATE TABLE old_chunks (id bigserial PRIMARY KEY, job_id bigint NOT NULL REFERENCES old_jobs,"
            + " symbol text NOT NULL, timeframe text NOT NULL, day date NOT NULL,"
            + " status text NOT NULL DEFAULT 'pending', attempts int NOT NULL DEFAULT 0, claimed_at timestamptz,"
            + " finished_at timestamptz, error text)",
        "CREATE INDEX old_chunks_pending ON old_chunks (id) WHERE status = 'pending'",
        "CREATE TABLE old_bars (symbol text NOT NULL, timeframe text NOT NULL, ts timestamptz NOT NULL,"
            + " open double precision, high double precision, low double precision, close double precision,"
            + " volume bigint, PRIMARY KEY (symbol, timeframe, ts))",
        "CREATE OR REPLACE FUNCTION old_claim_chunks(n int) RETURNS SETOF old_chunks LANGUAGE sql AS $$"
            + " UPDATE old_chunks SET status = 'running', claimed_at = now(), attempts = attempts + 1"
            + " WHERE id IN (SELECT id FROM old_chunks WHERE status = 'pending' ORDER BY id LIMIT n"
            + " FOR UPDATE SKIP LOCKED) RETURNING * $$",
    };

    private OldDesignSchema() {
    }

    public static void create(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : DDL) {
                s.execute(sql);
            }
        }
    }
}

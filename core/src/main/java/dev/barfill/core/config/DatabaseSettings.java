package dev.barfill.core.config;

import java.util.regex.Pattern;

/**
 * A PostgreSQL connection. {@link #toString()} masks the password so settings can be logged.
 *
 * @param poolSize largest number of pooled connections
 * @param schema   the schema that holds barfill's tables and Flyway's history table (default
 *                 {@value #DEFAULT_SCHEMA}): every connection addresses it alone, so tables of the same
 *                 name elsewhere in the user's database ({@code public.ohlc_bars}) are never read or written
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, String schema) {
    public static final String DEFAULT_SCHEMA = "barfill";
    // Unquoted PostgreSQL identifiers fold to lower case: a name that needs quotes would differ
    // between barfill (which quotes it) and a user's psql (which would not).
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("db.url must be a jdbc:postgresql: URL, got '" + jdbcUrl + "'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("db.pool-size must be at least 1, got " + poolSize);
        }
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("db.schema must be a lower-case SQL identifier (letters, digits, _),"
                    + " got '" + schema + "'");
        }
    }

    /** In the default schema, {@value #DEFAULT_SCHEMA}. */
    public DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, DEFAULT_SCHEMA);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "" : "****") + ", poolSize=" + poolSize
                + ", schema=" + schema + "]";
    }
}

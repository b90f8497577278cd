package dev.barfill.core.config;

/**
 * A PostgreSQL connection. {@link #toString()} masks the password so settings can be logged.
 *
 * @param poolSize largest number of pooled connections
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("db.url must be a jdbc:postgresql: URL, got '" + jdbcUrl + "'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("db.pool-size must be at least 1, got " + poolSize);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "" : "****") + ", poolSize=" + poolSize + "]";
    }
}

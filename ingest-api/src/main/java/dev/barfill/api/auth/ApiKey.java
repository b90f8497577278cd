package dev.barfill.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * One API key: a name for logs and metrics, the secret a client sends as a bearer token, and its
 * scopes. {@code WRITE} implies {@code READ}; {@code ADMIN} (replaying dead letters) implies both.
 * The secret never appears in {@link #toString()}.
 */
public record ApiKey(String name, String secret, Set<Scope> scopes) {
    /** Shorter secrets are guessable; refusing them at start is cheaper than a breach. */
    public static final int MIN_SECRET_LENGTH = 12;

    public enum Scope { READ, WRITE, ADMIN }

    public ApiKey {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("api key name must be 1-64 of A-Z a-z 0-9 _ . -, got '" + name + "'");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.contains(" ")) {
            throw new IllegalArgumentException("api key '" + name + "': secret must be at least " + MIN_SECRET_LENGTH
                    + " characters without spaces");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("api key '" + name + "': give at least one scope, read or write");
        }
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(Scope needed) {
        return scopes.contains(needed) || scopes.contains(Scope.ADMIN)
                || needed == Scope.READ && scopes.contains(Scope.WRITE);
    }

    /**
     * Compares in time independent of where the strings differ: both sides are hashed first, so
     * neither the content nor the length of the secret leaks through timing.
     */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(sha256(secret), sha256(presented == null ? "" : presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", secret=****, scopes=" + scopes + "]";
    }
}

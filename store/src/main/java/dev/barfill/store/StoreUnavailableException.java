package dev.barfill.store;

/**
 * A read of barfill's tables failed in the database (unreachable, pool exhausted, query error).
 * Unchecked and always worth waiting for: the planner keeps its request and asks again, the API
 * answers 503.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.barfill.planner.plan;

/**
 * The stored coverage could not be read now (the database is down, slow or restarting). Waiting
 * may cure it: the planner keeps the request and asks again later, it never plans blind and
 * never drops the request.
 */
public class CoverageUnavailableException extends RuntimeException {
    public CoverageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.barfill.planner;

import dev.barfill.planner.plan.CoverageUnavailableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failed coverage lookup is the database's (wait and ask again) or something else (a
 * bug, a request nobody foresaw: dead-letter it). Decided by walking the cause chain, as one
 * wrapper too many must not turn an outage into lost requests.
 */
final class LookupFailures {
    private LookupFailures() {
    }

    static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Network failures only: other IOExceptions (a JSON state value that no longer reads) never heal.
            if (t instanceof CoverageUnavailableException || t instanceof SQLException || t instanceof TimeoutException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}

package dev.barfill.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a database error that waiting can cure from one that the data itself causes, by walking
 * the cause chain and reading SQLStates. Unknown errors count as retryable: a day is only ever
 * set aside when PostgreSQL said that its data is wrong, never because something was unclear.
 */
public final class SqlErrors {

    /** What the sink does about an error. */
    public enum Kind {
        /** Connection lost, server shutting down, serialization failure, deadlock, no resources: retry later. */
        RETRYABLE,
        /** The table refuses a value (SQLState classes 21, 22, 23): retrying cannot help. */
        DATA
    }

    private SqlErrors() {
    }

    public static Kind classify(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof SQLException e) {
                Kind byState = byState(e.getSQLState());
                if (byState != null) {
                    return byState;
                }
                if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
                    return Kind.RETRYABLE;
                }
            } else if (t instanceof IOException) {
                return Kind.RETRYABLE;
            }
        }
        return Kind.RETRYABLE;
    }

    static Kind byState(String state) {
        if (state == null || state.length() != 5) {
            return null;
        }
        String type = state.substring(0, 2);
        return switch (type) {
            // connection exception; insufficient resources; operator intervention (57P01 admin shutdown,
            // 57P02 crash shutdown, 57P03 cannot connect now, 57014 query cancelled)
            case "08", "53", "57" -> Kind.RETRYABLE;
            // 40001 serialization failure, 40P01 deadlock: the classic "just run it again"
            case "40" -> Kind.RETRYABLE;
            // 55P03 lock not available, 55006 object in use
            case "55" -> Kind.RETRYABLE;
            // cardinality violation, data exception, integrity constraint violation
            case "21", "22", "23" -> Kind.DATA;
            default -> null;
        };
    }

    /** The SQLState nearest the top of the chain, or null. */
    public static String sqlState(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }

    /** A one-line reason for people: the SQLState and the server's message. */
    public static String describe(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState() + " " + firstLine(e.getMessage());
            }
        }
        return error.getClass().getSimpleName() + ": " + firstLine(error.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The causes and JDBC's chained next exceptions, each once. */
    private static Iterable<Throwable> chain(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Throwable> unvisited = new java.util.ArrayDeque<>();
        unvisited.add(error);
        while (!unvisited.isEmpty() && out.size() < 32) {
            Throwable t = unvisited.poll();
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            if (t instanceof SQLException e && e.getNextException() != null) {
                unvisited.add(e.getNextException());
            }
            if (t.getCause() != null) {
                unvisited.add(t.getCause());
            }
        }
        return out;
    }
}

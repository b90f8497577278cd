package dev.barfill.app.role;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.LoggerFactory;

/** What a role command (or a test) started, closed in reverse order; a failing close is logged, the rest still close. */
public final class Resources implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Resources.class).warn("closing {} failed: {}",
                        next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

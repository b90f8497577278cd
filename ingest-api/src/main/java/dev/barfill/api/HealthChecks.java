package dev.barfill.api;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** The readiness checks of the API role: Kafka, PostgreSQL and the job view. */
public final class HealthChecks {
    /** Threads for checks that may block; a blocked one is never joined by a second for the same check. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });

    private HealthChecks() {
    }

    /** Kafka answers a cluster description within {@code timeout}. The admin client is the caller's. */
    public static HealthCheck kafka(Admin admin, Duration timeout) {
        return named("kafka", () -> {
            try {
                int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                        .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
                return HealthCheck.Status.up(brokers + " broker(s) reachable");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HealthCheck.Status.down("interrupted");
            } catch (Exception e) {
                return HealthCheck.Status.down("cluster unreachable: " + e.getClass().getSimpleName());
            }
        });
    }

    /**
     * PostgreSQL hands out a connection that validates within {@code timeout}. A pool waits up to
     * its own connection timeout (30 s by default) while the database is down, longer than any
     * probe waits for an answer: the check gives up after {@code timeout} and says so, and a probe
     * still waiting is shared by the next calls instead of starting another.
     */
    public static HealthCheck database(DataSource dataSource, Duration timeout) {
        AtomicReference<CompletableFuture<HealthCheck.Status>> inFlight = new AtomicReference<>();
        return named("postgres", () -> {
            CompletableFuture<HealthCheck.Status> probe = inFlight.updateAndGet(running ->
                    running != null && !running.isDone() ? running
                            : CompletableFuture.supplyAsync(() -> validate(dataSource, timeout), PROBES));
            try {
                return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return HealthCheck.Status.down("no connection within " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HealthCheck.Status.down("interrupted");
            } catch (ExecutionException e) {
                return HealthCheck.Status.down("no connection: " + e.getCause().getClass().getSimpleName());
            }
        });
    }

    private static HealthCheck.Status validate(DataSource dataSource, Duration timeout) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()))
                    ? HealthCheck.Status.up("connection valid") : HealthCheck.Status.down("connection invalid");
        } catch (Exception e) {
            return HealthCheck.Status.down("no connection: " + e.getClass().getSimpleName());
        }
    }

    /** The job view has read the job-progress topic up to where it ended when the view started. */
    public static HealthCheck jobView(JobProgressView jobs) {
        return named("job-view", () -> jobs.caughtUp()
                ? HealthCheck.Status.up(jobs.all().size() + " jobs loaded")
                : HealthCheck.Status.down("still loading the job-progress topic"));
    }

    /** Any other check, such as the state of a Kafka Streams instance running in the same process. */
    public static HealthCheck named(String name, java.util.function.Supplier<HealthCheck.Status> check) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status check() {
                return check.get();
            }
        };
    }
}

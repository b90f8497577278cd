package dev.barfill.app.role;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.HealthCheck;
import dev.barfill.api.HealthChecks;
import dev.barfill.app.Database;
import dev.barfill.app.ManagementServer;
import dev.barfill.app.Roles;
import dev.barfill.app.config.ManagementSettings;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.store.Migrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One role in this process against an external Kafka cluster and PostgreSQL, until SIGTERM or
 * Ctrl-C, which closes it cleanly (the consumers commit what is done and leave their groups).
 * Settings: {@code --config FILE} (properties), then {@code BARFILL_*} environment variables, then
 * {@code --set key=value}, the last winning; validated before anything starts and logged with
 * secrets masked.
 */
public abstract class RoleCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Option(names = "--check", description = "Validate the settings, print them and exit.")
    boolean check;

    /** What the role started, for its management endpoints; null until {@link #started}. */
    private Roles roles;
    /** The role's connection pool, when it has one: its meters and the readiness check of PostgreSQL. */
    private HikariDataSource pool;

    /** Key prefix of this role's own settings, e.g. {@code fetcher.}. */
    protected abstract String prefix();

    /** Parses every setting the role needs; throws naming the first bad one. */
    protected abstract void parse(RoleConfigs configs);

    /** Starts the role; the result is closed on shutdown. */
    protected abstract AutoCloseable start(RoleConfigs configs) throws Exception;

    /**
     * The usual start of a role that uses PostgreSQL: a pool, the schema checked (migrations have
     * one owner: {@code barfill migrate}, or the sink when it migrates on start; every other role
     * refuses to start on a schema behind this build, saying what to run), the topics, then the role
     * itself. Everything is closed again if a step fails.
     *
     * @param migratesItself whether the role applies the migrations itself when it starts
     */
    protected AutoCloseable withDatabase(RoleConfigs c, String poolName, boolean migratesItself,
                                         Function<DataSource, AutoCloseable> role) {
        Resources r = new Resources();
        try {
            HikariDataSource pool = r.add(Database.pool(c.database(), poolName));
            this.pool = pool;
            if (!migratesItself) {
                Migrations.requireCurrent(pool);
            }
            Roles.ensureTopics(c.kafka());
            r.add(role.apply(pool));
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Remembers the started roles, whose meters and readiness the management endpoints serve. */
    protected final Roles started(Roles started) {
        this.roles = started;
        return started;
    }

    /**
     * {@code /health/live}, {@code /health/ready} and {@code /metrics} on {@code management.port}:
     * the roles' own checks, and PostgreSQL for a role that uses it; the pool's meters join the
     * role's registry.
     */
    private AutoCloseable serveManagement(ManagementSettings management, Logger log) throws java.io.IOException {
        if (roles == null || !management.enabled()) {
            return () -> { };
        }
        List<HealthCheck> checks = new ArrayList<>(roles.readiness(management.consumerGrace()));
        if (pool != null) {
            pool.setMetricRegistry(roles.meterRegistry());
            if (checks.stream().noneMatch(check -> check.name().equals("postgres"))) {
                checks.add(HealthChecks.database(pool, Duration.ofSeconds(2)));
            }
        }
        ManagementServer server;
        try {
            server = ManagementServer.start(management.host(), management.port(), roles.meterRegistry(), checks);
        } catch (java.net.BindException e) {
            throw new IllegalArgumentException("management.port " + management.port() + " on " + management.host()
                    + " is in use: set another (BARFILL_MANAGEMENT_PORT), 0 for any free one or -1 for none");
        }
        log.info("health and metrics on http://{}:{}/health/ready and /metrics", management.host(), server.port());
        return server;
    }

    @Override
    public final Integer call() throws Exception {
        // A role process logs to its standard output, where containers and supervisors collect it.
        System.setProperty("barfill.console.level", System.getProperty("barfill.console.level", "INFO"));
        System.setProperty("barfill.log.file", System.getProperty("barfill.log.file", "/dev/null"));
        // Rebalances, fencing and members that left show in a role's log: Kafka's own warnings.
        System.setProperty("barfill.kafka.log.level", System.getProperty("barfill.kafka.log.level", "WARN"));
        RoleConfigs configs = settings.load();
        parse(configs);
        ManagementSettings management = configs.management();
        configs.rejectUnknown(prefix());
        if (check) {
            System.out.println(configs.describe());
            return 0;
        }
        Logger log = LoggerFactory.getLogger(getClass());
        log.info("{}", configs.describe());
        AutoCloseable started = start(configs);
        AutoCloseable endpoints;
        try {
            endpoints = serveManagement(management, log);
        } catch (java.io.IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        // The endpoints close first: readiness vanishes before the role stops working.
        AutoCloseable role = () -> {
            endpoints.close();
            started.close();
        };
        // 0 once a signal closed the role; 1 when the role ended by itself, for a supervisor to restart it.
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                role.close();
            } catch (Exception e) {
                log.warn("closing failed: {}", e.toString());
            }
            exit.complete(0);
        }, "barfill-shutdown"));
        ended().thenAccept(reason -> {
            log.error("{}; exiting with status 1", reason);
            exit.complete(1);
        });
        log.info("{} running", prefix().replace(".", ""));
        int code = exit.get();
        if (code != 0) {
            // Closed here, not in the callback: that may run on a thread of the client being closed.
            role.close();
        }
        return code;
    }

    /**
     * Completes with a reason when the started role ends by itself, so the process exits
     * non-zero; the default never completes.
     */
    protected CompletableFuture<String> ended() {
        return new CompletableFuture<>();
    }
}

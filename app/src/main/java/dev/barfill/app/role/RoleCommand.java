package dev.barfill.app.role;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.Database;
import dev.barfill.app.Roles;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.sink.Migrations;
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
    protected static AutoCloseable withDatabase(RoleConfigs c, String poolName, boolean migratesItself,
                                                Function<DataSource, AutoCloseable> role) {
        Resources r = new Resources();
        try {
            HikariDataSource pool = r.add(Database.pool(c.database(), poolName));
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

    @Override
    public final Integer call() throws Exception {
        // A role process logs to its standard output, where containers and supervisors collect it.
        System.setProperty("barfill.console.level", System.getProperty("barfill.console.level", "INFO"));
        System.setProperty("barfill.log.file", System.getProperty("barfill.log.file", "/dev/null"));
        RoleConfigs configs = settings.load();
        parse(configs);
        configs.rejectUnknown(prefix());
        if (check) {
            System.out.println(configs.describe());
            return 0;
        }
        Logger log = LoggerFactory.getLogger(getClass());
        log.info("{}", configs.describe());
        AutoCloseable role = start(configs);
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

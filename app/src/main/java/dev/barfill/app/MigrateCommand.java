package dev.barfill.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.store.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code barfill migrate}: brings barfill's schema up to date, or with {@code --check} says whether it is. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply barfill's schema migrations (Flyway) to the database of the db.* settings.")
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--check", description = "Change nothing: exit 1 when migrations are pending.")
    boolean check;

    @Override
    public Integer call() {
        RoleConfigs configs = settings.load();
        var db = configs.database();
        configs.rejectUnknown();
        try (HikariDataSource pool = Database.pool(db, "barfill-migrate")) {
            if (check) {
                try {
                    Migrations.requireCurrent(pool);
                } catch (IllegalStateException e) {
                    spec.commandLine().getOut().println(e.getMessage());
                    spec.commandLine().getOut().flush();
                    return 1;
                }
                spec.commandLine().getOut().printf("schema up to date at version %s%n", Migrations.currentVersion(pool));
                spec.commandLine().getOut().flush();
                return 0;
            }
            int applied = Migrations.migrate(pool);
            spec.commandLine().getOut().printf("schema at version %s (%d migration(s) applied now)%n",
                    Migrations.currentVersion(pool), applied);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}

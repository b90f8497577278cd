package dev.barfill.app.config;

import dev.barfill.api.ApiConfig;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.sink.SinkConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The typed config records of every role, parsed once from one {@link SettingSources}. Keys are
 * {@code kafka.*} and {@code db.*} (shared), then {@code planner.*}, {@code fetcher.*},
 * {@code sink.*}, {@code api.*}: the kebab-case names of the record components, defaults from
 * each record's {@code defaults(...)}. A new component of a role record is a new setting without
 * any change here; only a key that differs from the component's name needs a {@code key(...)} line.
 */
public final class RoleConfigs {
    /** Where the planner keeps RocksDB state unless {@code planner.state-dir} says otherwise. */
    public static final Path DEFAULT_STATE_DIR = Path.of("state", "planner");
    public static final int DEFAULT_API_PORT = 8080;

    private final RecordBinder binder;
    private KafkaSettings kafka;
    private DatabaseSettings database;

    public RoleConfigs(SettingSources sources) {
        this.binder = new RecordBinder(sources);
    }

    public KafkaSettings kafka() {
        if (kafka == null) {
            kafka = binder.bind(RecordSpec.of(KafkaSettings.class, "kafka.")
                    .defaults(KafkaSettings.local("unset"))
                    .required("bootstrapServers"));
            binder.inject(KafkaSettings.class, kafka);
        }
        return kafka;
    }

    public DatabaseSettings database() {
        if (database == null) {
            database = binder.bind(RecordSpec.of(DatabaseSettings.class, "db.")
                    .key("jdbcUrl", "url")
                    .defaultValue("user", "postgres")
                    .defaultValue("password", "")
                    .defaultValue("poolSize", 8));
        }
        return database;
    }

    public PlannerConfig planner() {
        return binder.bind(RecordSpec.of(PlannerConfig.class, "planner.")
                .defaults(PlannerConfig.defaults(kafka(), DEFAULT_STATE_DIR)));
    }

    public FetcherConfig fetcher() {
        return binder.bind(RecordSpec.of(FetcherSettings.class, "fetcher.")
                .defaults(FetcherSettings.defaults(kafka()))).toConfig();
    }

    public SinkConfig sink() {
        return binder.bind(RecordSpec.of(SinkConfig.class, "sink.")
                .defaults(SinkConfig.defaults(kafka()))
                .key("maxPollRecords", "max-batch-days"));
    }

    public ApiConfig api() {
        return binder.bind(RecordSpec.of(ApiSettings.class, "api.").defaults(ApiSettings.defaults(DEFAULT_API_PORT)))
                .toConfig();
    }

    /** Fails on a misspelt key of the shared sections or of {@code rolePrefix}. */
    public void rejectUnknown(String rolePrefix) {
        binder.rejectUnknown("kafka.", "db.", rolePrefix);
    }

    /** The settings read so far, in reading order; secrets show as ****. */
    public List<Setting> effective() {
        return binder.effective();
    }

    /** One line per setting, for the start-up log. */
    public String describe() {
        StringBuilder s = new StringBuilder("effective config:");
        for (Setting setting : effective()) {
            s.append("\n  ").append(setting);
        }
        return s.toString();
    }
}

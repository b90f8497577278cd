package dev.barfill.app.config;

import dev.barfill.api.ApiConfig;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.planner.PlannerConfig;
import dev.barfill.sink.SinkConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    private final SettingSources sources;
    private final RecordBinder binder;
    private KafkaSettings kafka;
    private DatabaseSettings database;

    public RoleConfigs(SettingSources sources) {
        this.sources = sources;
        this.binder = new RecordBinder(sources);
    }

    /** Whether any layer sets {@code key} (directly or through its {@code -file} variant). */
    public boolean isSet(String key) {
        return sources.get(key).isPresent();
    }

    public KafkaSettings kafka() {
        return kafka(KafkaSettings.local("unset").partitions());
    }

    /** {@code kafka.*}, with {@code kafka.partitions} defaulting to {@code defaultPartitions}. */
    public KafkaSettings kafka(int defaultPartitions) {
        if (kafka == null) {
            KafkaSettings local = KafkaSettings.local("unset");
            kafka = binder.bind(RecordSpec.of(KafkaSettings.class, "kafka.")
                    .defaults(new KafkaSettings("unset", local.topicPrefix(), defaultPartitions, local.replicationFactor()))
                    .required("bootstrapServers")
                    .open("client", "client"));
            binder.inject(KafkaSettings.class, kafka);
        }
        return kafka;
    }

    public DatabaseSettings database() {
        return database(8);
    }

    /** {@code db.*}, with {@code db.pool-size} defaulting to {@code defaultPoolSize}. */
    public DatabaseSettings database(int defaultPoolSize) {
        if (database == null) {
            database = binder.bind(RecordSpec.of(DatabaseSettings.class, "db.")
                    .key("jdbcUrl", "url")
                    .defaultValue("user", "postgres")
                    .defaultValue("password", "")
                    .defaultValue("poolSize", defaultPoolSize)
                    .defaultValue("schema", DatabaseSettings.DEFAULT_SCHEMA));
        }
        return database;
    }

    public PlannerConfig planner() {
        HistoryLimits history = plannerHistory();
        return binder.bind(RecordSpec.of(PlannerConfig.class, "planner.")
                .defaults(PlannerConfig.defaults(kafka(), DEFAULT_STATE_DIR).withHistoryLimits(history)));
    }

    /**
     * {@code planner.providers}: the provider chain the planner plans for when its settings do not
     * carry the fetchers' ({@code polygon,yahoo}; empty by default).
     */
    public record PlannerProviders(List<String> providers) {
    }

    /**
     * How far back the planner may plan: the history of the providers the fetchers use, as
     * {@code fetcher.providers} or {@code fetcher.provider} name them, else as
     * {@code planner.providers} does, else Yahoo's. A chain's limit per timeframe is its deepest
     * provider's, since the router falls back. Set both and they must agree.
     */
    HistoryLimits plannerHistory() {
        List<String> own = binder.bind(RecordSpec.of(PlannerProviders.class, "planner.")
                .defaults(new PlannerProviders(List.of()))).providers();
        HistoryLimits planner = own.isEmpty() ? null : HistoryLimits.ofProviders("planner.providers", own);
        HistoryLimits fetcher = fetcherHistory();
        if (planner != null && fetcher != null && !planner.equals(fetcher)) {
            throw new IllegalArgumentException("planner.providers (" + String.join(",", own) + ") plans for other"
                    + " history than the fetcher's providers: set one of them, or make them name the same providers");
        }
        return fetcher != null ? fetcher : planner != null ? planner : HistoryLimits.yahoo();
    }

    private HistoryLimits fetcherHistory() {
        Optional<String> chain = sources.get("fetcher.providers").map(Setting::value).filter(v -> !v.isBlank());
        if (chain.isPresent()) {
            return HistoryLimits.ofProviders("fetcher.providers",
                    Arrays.stream(chain.get().split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList());
        }
        return sources.get("fetcher.provider").map(Setting::value).filter(v -> !v.isBlank())
                .map(v -> HistoryLimits.ofProviders("fetcher.provider", List.of(v))).orElse(null);
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
        // REST windows are bounded by the history the planner plans for, so REST and Kafka agree.
        return binder.bind(RecordSpec.of(ApiSettings.class, "api.").defaults(ApiSettings.defaults(DEFAULT_API_PORT)))
                .toConfig().withHistory(plannerHistory());
    }

    /** The {@code barfill simulator} role's {@code simulator.*}. */
    public SimulatorSettings simulator() {
        return binder.bind(RecordSpec.of(SimulatorSettings.class, "simulator.").defaults(SimulatorSettings.defaults()));
    }

    /** Keys under {@code prefix} set in the file or by flags ({@code db.password-file} as {@code db.password}). */
    public java.util.Set<String> explicitKeys(String prefix) {
        return sources.explicitKeys(prefix);
    }

    /** Fails on a misspelt key of the shared sections, {@code kafka.} and {@code db.}. */
    public void rejectUnknown() {
        binder.rejectUnknown("kafka.", "db.");
    }

    /** The role's health and metrics endpoints. */
    public ManagementSettings management() {
        return binder.bind(RecordSpec.of(ManagementSettings.class, "management.").defaults(ManagementSettings.defaults()));
    }

    /** Fails on a misspelt key of the shared sections or of {@code rolePrefix}. */
    public void rejectUnknown(String rolePrefix) {
        binder.rejectUnknown("kafka.", "db.", "management.", rolePrefix);
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

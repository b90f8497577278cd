package dev.barfill.app.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code --config FILE} and {@code --set KEY=VALUE} options of every command that reads settings. */
public final class SettingsOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT, description = "Settings file (properties).")
    Path config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "A setting that wins over the file and the environment, e.g. --set kafka.partitions=12.")
    Map<String, String> flags = new LinkedHashMap<>();

    /** The settings of this process: the file, then {@code BARFILL_*} variables, then the flags. */
    public RoleConfigs load() {
        return load(Map.of());
    }

    /** With {@code options}: a command's own options for settings ({@code --db-url}), winning over {@code --set}. */
    public RoleConfigs load(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(flags);
        all.putAll(options);
        return new RoleConfigs(SettingSources.load(config, System.getenv(), all));
    }
}

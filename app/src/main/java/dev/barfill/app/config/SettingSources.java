package dev.barfill.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The raw settings of one process, from three layers in increasing precedence: a properties file,
 * environment variables and command-line flags. A key {@code kafka.bootstrap-servers} is read from
 * the file as is, from the environment as {@code BARFILL_KAFKA_BOOTSTRAP_SERVERS} and from a flag as
 * {@code --set kafka.bootstrap-servers=...}. Any key may instead name a file holding its value, for
 * secrets mounted by Docker or Kubernetes: {@code db.password-file} in the file or a flag,
 * {@code BARFILL_DB_PASSWORD_FILE} in the environment. Within one layer the direct value wins.
 */
public final class SettingSources {
    static final String ENV_PREFIX = "BARFILL_";
    static final String FILE_SUFFIX = "-file";

    private final Map<String, String> file;
    private final Map<String, String> env;
    private final Map<String, String> flags;

    public SettingSources(Map<String, String> file, Map<String, String> env, Map<String, String> flags) {
        this.file = Map.copyOf(file);
        this.env = Map.copyOf(env);
        this.flags = Map.copyOf(flags);
    }

    /** Reads the properties file, if given, and takes the process environment and the flags. */
    public static SettingSources load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        return new SettingSources(configFile == null ? Map.of() : readProperties(configFile), env, flags);
    }

    static Map<String, String> readProperties(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("--config: no such file " + configFile.toAbsolutePath());
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(configFile)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + configFile, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
        return values;
    }

    /** {@code kafka.bootstrap-servers} becomes {@code BARFILL_KAFKA_BOOTSTRAP_SERVERS}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The winning value of {@code key}, or empty when no layer sets it. */
    public Optional<Setting> get(String key) {
        return fromLayer(flags, key, Setting.Source.FLAG)
                .or(() -> fromEnv(key))
                .or(() -> fromLayer(file, key, Setting.Source.FILE));
    }

    private static Optional<Setting> fromLayer(Map<String, String> layer, String key, Setting.Source source) {
        if (layer.containsKey(key)) {
            return Optional.of(new Setting(key, layer.get(key), source));
        }
        String indirect = layer.get(key + FILE_SUFFIX);
        return indirect == null ? Optional.empty() : Optional.of(new Setting(key, readSecret(key, indirect), source));
    }

    private Optional<Setting> fromEnv(String key) {
        String name = envName(key);
        if (env.containsKey(name)) {
            return Optional.of(new Setting(key, env.get(name), Setting.Source.ENV));
        }
        String indirect = env.get(name + "_FILE");
        return indirect == null ? Optional.empty()
                : Optional.of(new Setting(key, readSecret(key, indirect), Setting.Source.ENV));
    }

    private static String readSecret(String key, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read the file " + path + " named by "
                    + key + FILE_SUFFIX + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Keys under {@code prefix} set in any layer, with any -file suffix removed. An environment
     * variable maps back with its underscores as dots ({@code BARFILL_KAFKA_CLIENT_SASL_MECHANISM} is
     * {@code kafka.client.sasl.mechanism}): right for Kafka's client settings, whose names have dots
     * and no dashes.
     */
    Set<String> keysUnder(String prefix) {
        Set<String> keys = explicitKeys(prefix);
        String envPrefix = envName(prefix);
        for (String name : env.keySet()) {
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                String rest = name.substring(envPrefix.length());
                if (rest.endsWith("_FILE")) {
                    rest = rest.substring(0, rest.length() - "_FILE".length());
                }
                keys.add(prefix + rest.toLowerCase(Locale.ROOT).replace('_', '.'));
            }
        }
        return keys;
    }

    /** Keys set in the file or by flags that start with {@code prefix}, with any -file suffix removed. */
    Set<String> explicitKeys(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (Map<String, String> layer : java.util.List.of(file, flags)) {
            for (String k : layer.keySet()) {
                if (k.startsWith(prefix)) {
                    keys.add(k.endsWith(FILE_SUFFIX) ? k.substring(0, k.length() - FILE_SUFFIX.length()) : k);
                }
            }
        }
        return keys;
    }
}

package dev.barfill.app.config;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one config record is read: its key prefix ({@code fetcher.}), its defaults, and the keys
 * that differ from the kebab-case of a component's name. A component that is added to the record
 * later is read as {@code prefix + kebab(name)} with its default from the record's own defaults,
 * with no change here.
 */
public final class RecordSpec<R extends Record> {
    private final Class<R> type;
    private final String prefix;
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, String> open = new HashMap<>();

    private RecordSpec(Class<R> type, String prefix) {
        this.type = type;
        this.prefix = prefix;
    }

    public static <R extends Record> RecordSpec<R> of(Class<R> type, String prefix) {
        return new RecordSpec<>(type, prefix);
    }

    /** Every component of {@code instance} is the default of its setting. */
    public RecordSpec<R> defaults(R instance) {
        for (RecordComponent c : type.getRecordComponents()) {
            try {
                defaults.put(c.getName(), c.getAccessor().invoke(instance));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + c.getName(), e);
            }
        }
        return this;
    }

    public RecordSpec<R> defaultValue(String component, Object value) {
        defaults.put(component, value);
        return this;
    }

    /** The component has no default: the setting is required. */
    public RecordSpec<R> required(String component) {
        defaults.remove(component);
        return this;
    }

    /** Reads {@code component} from {@code prefix + key} instead of from its kebab-case name. */
    public RecordSpec<R> key(String component, String key) {
        aliases.put(component, key);
        return this;
    }

    /**
     * The component (a {@code Map<String, String>}) holds every setting under {@code prefix + key + "."},
     * by the rest of its key: {@code kafka.client.sasl.mechanism} becomes {@code sasl.mechanism}. For
     * settings passed through to a library as they are.
     */
    public RecordSpec<R> open(String component, String key) {
        open.put(component, prefix + key + ".");
        return this;
    }

    /** The key prefix of an open component, or null. */
    String openPrefixOf(String component) {
        return open.get(component);
    }

    Class<R> type() {
        return type;
    }

    String prefix() {
        return prefix;
    }

    String keyOf(String component) {
        return prefix + aliases.getOrDefault(component, kebab(component));
    }

    boolean hasDefault(String component) {
        return defaults.containsKey(component);
    }

    Object defaultOf(String component) {
        return defaults.get(component);
    }

    /** {@code maxWindowDays} becomes {@code max-window-days}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.barfill.app.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds typed config records from {@link SettingSources}: every component is read from its key,
 * converted to its type, or taken from the spec's defaults; components of an injected type
 * (the shared {@code KafkaSettings} inside a role's config) are filled with the given instance.
 * Conversion errors are collected and reported together; the record's own constructor then
 * validates ranges with messages that already name the setting. Every value used is remembered
 * with its source for {@link #effective()}.
 */
public final class RecordBinder {
    private final SettingSources sources;
    private final Map<Class<?>, Object> injected = new HashMap<>();
    private final Map<String, Setting> effective = new LinkedHashMap<>();
    private final Set<String> known = new TreeSet<>();

    public RecordBinder(SettingSources sources) {
        this.sources = sources;
    }

    public <T> RecordBinder inject(Class<T> type, T value) {
        injected.put(type, value);
        return this;
    }

    public <R extends Record> R bind(RecordSpec<R> spec) {
        RecordComponent[] components = spec.type().getRecordComponents();
        Object[] args = new Object[components.length];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            if (injected.containsKey(c.getType())) {
                args[i] = injected.get(c.getType());
                continue;
            }
            String openPrefix = spec.openPrefixOf(c.getName());
            if (openPrefix != null) {
                args[i] = bindOpen(openPrefix);
                continue;
            }
            String key = spec.keyOf(c.getName());
            known.add(key);
            Optional<Setting> raw = sources.get(key);
            if (raw.isPresent()) {
                try {
                    args[i] = SettingTypes.convert(raw.get().value(), c.getGenericType());
                    effective.put(key, raw.get());
                } catch (IllegalArgumentException e) {
                    problems.add(key + " " + e.getMessage() + " (from " + where(raw.get()) + ")");
                }
            } else if (spec.hasDefault(c.getName())) {
                args[i] = spec.defaultOf(c.getName());
                effective.put(key, new Setting(key, SettingTypes.show(args[i]), Setting.Source.DEFAULT));
            } else {
                problems.add(key + " is required: set it in the config file, as " + SettingSources.envName(key)
                        + " or with --set " + key + "=...");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return construct(spec, components, args);
    }

    /** Every setting under {@code prefix}, by the rest of its key; each is known and effective. */
    private Map<String, String> bindOpen(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : sources.keysUnder(prefix)) {
            sources.get(key).ifPresent(s -> {
                known.add(key);
                effective.put(key, s);
                values.put(key.substring(prefix.length()), s.value());
            });
        }
        return values;
    }

    private static <R extends Record> R construct(RecordSpec<R> spec, RecordComponent[] components, Object[] args) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<R> canonical = spec.type().getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            // The records validate themselves with messages naming the setting (db.url must be ...).
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new ConfigException(List.of(bad.getMessage()));
            }
            throw new IllegalStateException("cannot build " + spec.type().getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + spec.type().getSimpleName(), e);
        }
    }

    private static String where(Setting s) {
        return switch (s.source()) {
            case FLAG -> "--set";
            case ENV -> SettingSources.envName(s.key());
            case FILE -> "the config file";
            case DEFAULT -> "the default";
        };
    }

    /**
     * Fails on keys under {@code prefixes} that no bound record reads: most likely typos. A prefix
     * no record was bound from is skipped, so one file can hold the settings of every role.
     */
    public void rejectUnknown(String... prefixes) {
        List<String> problems = new ArrayList<>();
        // A prefix named twice (a role section that is also a shared one) still reports each key once.
        for (String prefix : new java.util.LinkedHashSet<>(List.of(prefixes))) {
            if (known.stream().noneMatch(k -> k.startsWith(prefix))) {
                continue;
            }
            for (String key : sources.explicitKeys(prefix)) {
                if (!known.contains(key)) {
                    problems.add("unknown setting " + key + " (known: " + String.join(", ",
                            known.stream().filter(k -> k.startsWith(prefix)).toList()) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Every setting used so far, with its source; secrets masked by {@link Setting#toString()}. */
    public List<Setting> effective() {
        return List.copyOf(effective.values());
    }
}

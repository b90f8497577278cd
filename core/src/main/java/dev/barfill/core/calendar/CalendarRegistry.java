package dev.barfill.core.calendar;

import dev.barfill.core.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a symbol to the calendar of the market it trades on. Immutable and thread-safe.
 *
 * <p>A symbol is resolved in this order: an explicit per-symbol override, then the first pattern
 * rule whose regular expression matches the whole symbol (rules are tried in the order they were
 * added), then the fallback calendar. {@link #defaults()} sends crypto pairs such as
 * {@code BTC-USD} ({@link #CRYPTO_PAIR}) to {@code 24x7} and everything else to {@code XNYS}.
 *
 * <p>Calendars also have ids ({@code XNYS}, {@code 24x7}, plus any {@link Builder#register
 * registered} one), looked up case-insensitively by {@link #calendar(String)}.
 */
public final class CalendarRegistry {
    /** A crypto pair: a coin, a dash and a fiat or major-coin quote ({@code BTC-USD}). */
    public static final Pattern CRYPTO_PAIR =
            Pattern.compile("^[A-Z0-9]+-(USD|USDT|USDC|EUR|BTC|ETH)$");

    private final Map<String, ExchangeCalendar> calendarsById;
    private final Map<Symbol, ExchangeCalendar> overrides;
    private final List<Rule> rules;
    private final ExchangeCalendar fallback;

    private record Rule(Pattern pattern, ExchangeCalendar calendar) {
        boolean matches(Symbol symbol) {
            return pattern.matcher(symbol.value()).matches();
        }

        @Override
        public String toString() {
            return pattern.pattern() + "=" + calendar.id();
        }
    }

    private CalendarRegistry(Builder b) {
        this.calendarsById = Collections.unmodifiableMap(new LinkedHashMap<>(b.calendarsById));
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.overrides));
        this.rules = List.copyOf(b.rules);
        this.fallback = b.fallback;
    }

    /** Crypto pairs ({@link #CRYPTO_PAIR}) trade {@code 24x7}, all other symbols {@code XNYS}. */
    public static CalendarRegistry defaults() {
        Builder b = builder();
        return b.rule(CRYPTO_PAIR, b.registered(AlwaysOpenCalendar.ID).orElseThrow()).build();
    }

    /**
     * A builder that knows the {@code XNYS} and {@code 24x7} calendars, has no override and no
     * rule, and falls back to {@code XNYS}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The calendar {@code symbol} trades on; never null. */
    public ExchangeCalendar forSymbol(Symbol symbol) {
        ExchangeCalendar override = overrides.get(symbol);
        if (override != null) {
            return override;
        }
        for (Rule rule : rules) {
            if (rule.matches(symbol)) {
                return rule.calendar();
            }
        }
        return fallback;
    }

    /** The calendar with this id, ignoring case, if known. */
    public Optional<ExchangeCalendar> findCalendar(String id) {
        return Optional.ofNullable(id == null ? null : calendarsById.get(key(id)));
    }

    /** The calendar with this id, ignoring case; the exception's message lists the known ids. */
    public ExchangeCalendar calendar(String id) {
        return findCalendar(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown calendar '" + id + "', expected one of " + calendarIds()));
    }

    /** The ids of the known calendars, as they spell them. */
    public Set<String> calendarIds() {
        return ids(calendarsById);
    }

    /** A copy in which {@code pattern} is tried before every existing rule. */
    public CalendarRegistry withRule(Pattern pattern, ExchangeCalendar calendar) {
        Builder b = toBuilder();
        b.rules.add(0, new Rule(Objects.requireNonNull(pattern, "pattern"), b.known(calendar)));
        return b.build();
    }

    /** A copy in which {@code symbol} trades on {@code calendar}, whatever the rules say. */
    public CalendarRegistry withSymbol(Symbol symbol, ExchangeCalendar calendar) {
        return toBuilder().symbol(symbol, calendar).build();
    }

    /** A builder holding this registry's calendars, overrides, rules and fallback. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.calendarsById.putAll(calendarsById);
        b.overrides.putAll(overrides);
        b.rules.addAll(rules);
        b.fallback = fallback;
        return b;
    }

    /** A text form for logs, {@code SYMBOL=ID} overrides, {@code PATTERN=ID} rules, then {@code *=ID}. */
    @Override
    public String toString() {
        List<String> entries = new ArrayList<>();
        overrides.forEach((symbol, calendar) -> entries.add(symbol + "=" + calendar.id()));
        rules.forEach(rule -> entries.add(rule.toString()));
        entries.add("*=" + fallback.id());
        return String.join(",", entries);
    }

    private static Set<String> ids(Map<String, ExchangeCalendar> byId) {
        Set<String> ids = new LinkedHashSet<>();
        byId.values().forEach(c -> ids.add(c.id()));
        return Collections.unmodifiableSet(ids);
    }

    private static String key(String id) {
        return id.trim().toUpperCase(Locale.ROOT);
    }

    /** Collects overrides, rules and a fallback; every calendar used is registered by its id. */
    public static final class Builder {
        private final Map<String, ExchangeCalendar> calendarsById = new LinkedHashMap<>();
        private final Map<Symbol, ExchangeCalendar> overrides = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private ExchangeCalendar fallback;

        private Builder() {
            fallback = known(new XnysCalendar());
            register(new AlwaysOpenCalendar());
        }

        /** Makes {@code calendar} known by its id, replacing a calendar with the same id. */
        public Builder register(ExchangeCalendar calendar) {
            calendarsById.put(key(calendar.id()), calendar);
            return this;
        }

        /** {@code symbol} trades on {@code calendar}, whatever the rules say. */
        public Builder symbol(Symbol symbol, ExchangeCalendar calendar) {
            overrides.put(Objects.requireNonNull(symbol, "symbol"), known(calendar));
            return this;
        }

        /** Symbols {@code pattern} matches entirely trade on {@code calendar}; first rule wins. */
        public Builder rule(Pattern pattern, ExchangeCalendar calendar) {
            rules.add(new Rule(Objects.requireNonNull(pattern, "pattern"), known(calendar)));
            return this;
        }

        /** Symbols no override or rule claims trade on {@code calendar}. */
        public Builder fallback(ExchangeCalendar calendar) {
            fallback = known(calendar);
            return this;
        }

        /** The calendar registered under {@code id}, ignoring case. */
        Optional<ExchangeCalendar> registered(String id) {
            return Optional.ofNullable(calendarsById.get(key(id)));
        }

        public CalendarRegistry build() {
            return new CalendarRegistry(this);
        }

        private ExchangeCalendar known(ExchangeCalendar calendar) {
            register(Objects.requireNonNull(calendar, "calendar"));
            return calendar;
        }
    }
}

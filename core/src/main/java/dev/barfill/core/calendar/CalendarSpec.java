package dev.barfill.core.calendar;

import dev.barfill.core.Symbol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The text form of a {@link CalendarRegistry}, as a setting holds it:
 * {@code BTC-USD=24x7,^[A-Z]+-USD$=24x7,*=XNYS}.
 *
 * <ul>
 *   <li>Entries are separated by commas; spaces around entries, keys and ids are ignored.</li>
 *   <li>Each entry is {@code KEY=CALENDAR_ID}, split at its last {@code =} because symbols such
 *       as {@code EURUSD=X} contain one. Ids are matched ignoring case.</li>
 *   <li>{@code *} sets the fallback; at most once.</li>
 *   <li>A key that is a well-formed {@link Symbol} ({@code AAPL}, {@code BRK.B}, {@code ^GSPC},
 *       lower case accepted) overrides that one symbol; at most once per symbol. Overrides win
 *       over rules wherever they appear.</li>
 *   <li>Any other key is a regular expression that must match the whole (upper-case) symbol.
 *       Rules are tried in the order written. Commas inside {@code [] () {}} or escaped as
 *       {@code \,} belong to the pattern. A pattern that reads as a symbol needs a {@code $}
 *       anchor to be taken as a pattern: {@code ^GSPC} is a symbol, {@code ^GS.*$} a rule.</li>
 * </ul>
 *
 * <p>Any mistake throws {@link IllegalArgumentException} naming the entry, its position and what
 * was expected, so a bad setting fails at start-up with a message that points at it.
 */
final class CalendarSpec {
    private static final String EXAMPLE = "BTC-USD=24x7,^[A-Z]+-USD$=24x7,*=XNYS";

    private CalendarSpec() {
    }

    /** Adds the entries of {@code spec} to {@code builder}, resolving ids against it. */
    static void apply(String spec, CalendarRegistry.Builder builder) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("calendar spec is empty, expected entries like '"
                    + EXAMPLE + "'");
        }
        List<String> entries = split(spec);
        Set<Symbol> symbols = new HashSet<>();
        boolean fallbackSeen = false;
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            String where = "calendar spec entry " + (i + 1) + " '" + entry + "'";
            if (entry.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty in '" + spec + "'");
            }
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + " has no '=', expected KEY=CALENDAR_ID"
                        + " as in '" + EXAMPLE + "'");
            }
            String key = entry.substring(0, eq).trim();
            ExchangeCalendar calendar = resolve(builder, entry.substring(eq + 1).trim(), where);
            if (key.equals("*")) {
                require(!fallbackSeen, where + " sets the fallback '*' a second time");
                fallbackSeen = true;
                builder.fallback(calendar);
            } else {
                addKey(builder, key, calendar, symbols, where);
            }
        }
    }

    private static void addKey(CalendarRegistry.Builder builder, String key,
                               ExchangeCalendar calendar, Set<Symbol> symbols, String where) {
        require(!key.isEmpty(), where + " has no symbol, pattern or '*' before '='");
        Symbol symbol = asSymbol(key);
        if (symbol == null) {
            builder.rule(compile(key, where), calendar);
            return;
        }
        require(symbols.add(symbol), where + " maps symbol " + symbol + " a second time");
        builder.symbol(symbol, calendar);
    }

    private static ExchangeCalendar resolve(CalendarRegistry.Builder builder, String id,
                                            String where) {
        return builder.registered(id).orElseThrow(() -> new IllegalArgumentException(where
                + " names unknown calendar '" + id + "', expected one of "
                + builder.registeredIds()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Symbol asSymbol(String key) {
        try {
            return Symbol.parse(key);
        } catch (IllegalArgumentException notASymbol) {
            return null;
        }
    }

    private static Pattern compile(String regex, String where) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + " is neither a symbol nor a valid pattern: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    /** Splits at commas outside brackets, braces and parentheses and not escaped. */
    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                part.append(c).append(spec.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}

package dev.barfill.core;

import java.util.regex.Pattern;

/**
 * A ticker as providers spell it: upper case letters and digits, with {@code . - = ^} inside
 * (BRK.B, BTC-USD, EURUSD=X, ^GSPC), at most 20 characters.
 */
public record Symbol(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Z0-9^][A-Z0-9.\\-=^]{0,19}");

    public Symbol {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed symbol '" + value
                    + "': expected 1-20 characters of A-Z, 0-9 and . - = ^");
        }
    }

    /**
     * Accepts lower case input and surrounding spaces from people; providers and storage use upper
     * case. A control character anywhere (AAPL followed by a NUL) is refused, not trimmed away: it is
     * a broken client, and silently storing it as AAPL would hide that.
     */
    public static Symbol parse(String raw) {
        if (raw != null && raw.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("malformed symbol \"" + JsonFields.printable(raw)
                    + "\": holds a control character; expected 1-20 characters of A-Z, 0-9 and . - = ^");
        }
        return new Symbol(raw == null ? null : raw.trim().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.barfill.core;

/**
 * One symbol at one timeframe. Its key ({@code AAPL:15m}) is the Kafka key of every record about
 * the series, so a series always lands on one partition: the planner's state for it lives in one
 * task and a fetcher holds all of its pending days together.
 */
public record Series(Symbol symbol, Timeframe timeframe) {

    public static Series of(String symbol, Timeframe timeframe) {
        return new Series(Symbol.parse(symbol), timeframe);
    }

    public String key() {
        return symbol.value() + ":" + timeframe.code();
    }

    public static Series parseKey(String key) {
        int colon = key.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("malformed series key '" + key + "', expected SYMBOL:timeframe");
        }
        return new Series(Symbol.parse(key.substring(0, colon)), Timeframe.parse(key.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return key();
    }
}

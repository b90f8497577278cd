package dev.barfill.core;

import java.time.Instant;

/** One OHLC bar; {@code ts} is the UTC instant the bar opens. */
public record Bar(Instant ts, double open, double high, double low, double close, long volume) {
}

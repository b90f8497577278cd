package dev.barfill.fetcher.provider;

import dev.barfill.core.Series;
import java.time.Instant;

/** Bars of one series whose open time lies in {@code [start, end)}. */
public record BarRequest(Series series, Instant start, Instant end) {

    public BarRequest {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("request for " + series + " ends before it starts");
        }
    }
}

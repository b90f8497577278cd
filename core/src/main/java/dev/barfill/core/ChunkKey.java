package dev.barfill.core;

import java.time.LocalDate;

/** One trading day of one series: the unit that is planned, fetched, written and counted. */
public record ChunkKey(Series series, LocalDate day) {

    public String key() {
        return series.key() + ":" + day;
    }

    @Override
    public String toString() {
        return key();
    }
}

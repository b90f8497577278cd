package dev.barfill.api.days;

import java.time.LocalDate;

/**
 * One cell of a day grid.
 *
 * @param bars         bars stored for the day, 0 when none
 * @param expectedBars bars a full session has, 0 when nothing is stored to say
 * @param provider     who served the stored bars, null when none are stored
 * @param error        why the day failed, when its job kept the reason (a job keeps its last few); for a
 *                     retrying day, why its last try did not succeed
 * @param attempt      for a retrying day, the attempt it waits for; else null
 */
public record DayStatus(LocalDate day, DayState state, int bars, int expectedBars, String provider, String error,
                        Integer attempt) {

    public DayStatus(LocalDate day, DayState state, int bars, int expectedBars, String provider, String error) {
        this(day, state, bars, expectedBars, provider, error, null);
    }

    static DayStatus of(LocalDate day, DayState state) {
        return new DayStatus(day, state, 0, 0, null, null);
    }

    static DayStatus stored(StoredDay row, DayState state) {
        return new DayStatus(row.day(), state, row.barCount(), row.expectedBars(), row.provider(), null);
    }
}

package dev.barfill.api;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to an ensure-coverage request.
 *
 * @param hasCoverage   true when every trading day of the window is covered: stored complete, or
 *                      settled (fetched after its close plus the settle delay) with what the provider had
 * @param jobId         the job filling the gaps (or refreshing the window); null when nothing is queued
 * @param from          first day of the (resolved) window
 * @param to            last day of the window
 * @param coverageFrom  first stored complete day in the window, null if none
 * @param coverageTo    last stored complete day in the window, null if none
 * @param tradingDays   trading days in the window
 * @param coveredDays   of those, days covered
 * @param sparseDays    covered days that settled with fewer bars than their session holds
 *                      (intervals with no trade): final, not gaps
 * @param sparseDates   those days, in date order
 */
public record CoverageAnswer(boolean hasCoverage, String jobId, String symbol, String timeframe,
                             LocalDate from, LocalDate to, LocalDate coverageFrom, LocalDate coverageTo,
                             int tradingDays, int coveredDays, int sparseDays, List<LocalDate> sparseDates) {

    public CoverageAnswer {
        sparseDates = sparseDates == null ? List.of() : List.copyOf(sparseDates);
    }
}

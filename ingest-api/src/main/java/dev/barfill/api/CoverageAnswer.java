package dev.barfill.api;

import java.time.LocalDate;

/**
 * The answer to an ensure-coverage request.
 *
 * @param hasCoverage   true when every trading day of the window is stored complete
 * @param jobId         the job filling the gaps; null when nothing is missing
 * @param from          first day of the (resolved) window
 * @param to            last day of the window
 * @param coverageFrom  first stored complete day in the window, null if none
 * @param coverageTo    last stored complete day in the window, null if none
 * @param tradingDays   trading days in the window
 * @param coveredDays   of those, days stored complete
 */
public record CoverageAnswer(boolean hasCoverage, String jobId, String symbol, String timeframe,
                             LocalDate from, LocalDate to, LocalDate coverageFrom, LocalDate coverageTo,
                             int tradingDays, int coveredDays) {
}

package dev.barfill.api;

import dev.barfill.core.FieldError;
import java.util.List;

/**
 * The answer to a bulk request: counts, and one result per distinct symbol in request order.
 *
 * @param covered symbols whose window is already covered (and not asked to be refreshed)
 * @param queued  symbols with a job filling their gaps (or, with refresh, fetching the window again)
 * @param failed  symbols refused (malformed) or that could not be queued
 */
public record BulkCoverageAnswer(int requested, int covered, int queued, int failed, List<Result> results) {

    /**
     * One symbol's outcome: {@code covered}, {@code queued} (with the answer and its job id),
     * {@code invalid} (with the field errors) or {@code unavailable} (with a message).
     */
    public record Result(String symbol, String outcome, CoverageAnswer answer, List<FieldError> errors,
                         String message) {
    }
}

package dev.barfill.api;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.FieldError;
import dev.barfill.core.InvalidRequestException;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v1/coverage} and {@code GET /v1/jobs/{id}/days}: per-day states. */
final class DayStatesController {
    private final DayStatesService days;
    private final JobProgressView jobs;

    DayStatesController(DayStatesService days, JobProgressView jobs) {
        this.days = days;
        this.jobs = jobs;
    }

    /** Query parameters as the body of {@code POST /v1/coverage}: symbol, timeframe, and from/to or days. */
    void ofSeries(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate from = date(ctx.queryParam("from"), "from", errors);
        LocalDate to = date(ctx.queryParam("to"), "to", errors);
        Integer n = null;
        String daysParam = ctx.queryParam("days");
        if (daysParam != null && !daysParam.isBlank()) {
            try {
                n = Integer.valueOf(daysParam.trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("days", "must be a whole number, got '" + daysParam + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        ctx.json(days.ofSeries(new CoverageRequest(ctx.queryParam("symbol"), ctx.queryParam("timeframe"), from, to,
                n, null, null, null)));
    }

    void ofJob(Context ctx) {
        String id = JobsQuery.requireJobId(ctx.pathParam("id"));
        ctx.json(days.ofJob(jobs.get(id).orElseThrow(() -> ApiException.notFound("no job " + id))));
    }

    private static LocalDate date(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as yyyy-mm-dd, got '" + value + "'"));
            return null;
        }
    }
}

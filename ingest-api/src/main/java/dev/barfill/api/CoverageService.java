package dev.barfill.api;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * Ensure-coverage: answers from what is stored, and queues a request for whatever is missing.
 * Never waits on a fetch; the only wait is Kafka's acknowledgement of the queued request.
 */
public final class CoverageService {
    private final CoverageRequestValidator validator;
    private final CalendarRegistry calendars;
    private final CoverageReader coverage;
    private final RequestPublisher publisher;

    public CoverageService(CoverageRequestValidator validator, CalendarRegistry calendars, CoverageReader coverage,
                           RequestPublisher publisher) {
        this.validator = validator;
        this.calendars = calendars;
        this.coverage = coverage;
        this.publisher = publisher;
    }

    public CoverageAnswer ensure(CoverageRequest request) {
        CoverageWindow window = validator.validate(request);
        List<Session> sessions = calendars.forSymbol(window.series().symbol()).sessions(window.from(), window.to());
        SortedSet<LocalDate> complete = coverage.completeDays(window);
        int covered = (int) sessions.stream().filter(s -> complete.contains(s.day())).count();
        boolean hasCoverage = covered == sessions.size();
        String jobId = null;
        if (!hasCoverage) {
            // The window is resolved here so the planner sees the same dates and derives the same job id.
            publisher.publish(window.series().key(), request.resolvedTo(window));
            jobId = window.jobId();
        }
        return new CoverageAnswer(hasCoverage, jobId, window.series().symbol().value(),
                window.series().timeframe().code(), window.from(), window.to(),
                complete.isEmpty() ? null : complete.first(), complete.isEmpty() ? null : complete.last(),
                sessions.size(), covered);
    }

    /** The publisher requests go through, shared by the job commands. */
    RequestPublisher publisher() {
        return publisher;
    }
}

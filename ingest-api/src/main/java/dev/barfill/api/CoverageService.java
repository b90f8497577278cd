package dev.barfill.api;

import dev.barfill.store.CoverageReader;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestValidator;
import dev.barfill.core.CoverageWindow;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.TradingPeriods;
import dev.barfill.core.calendar.Session;
import dev.barfill.api.days.StoredDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The process clock, which the validator resolves {@code days} windows with. */
    public java.time.Clock clock() {
        return validator.clock();
    }

    public CoverageAnswer ensure(CoverageRequest request) {
        Assessment assessment = assess(request);
        assessment.toQueue().ifPresent(r -> publisher.publish(r.getKey(), r.getValue()));
        return assessment.answer();
    }

    /**
     * What is stored and what a request would queue, without queueing it: the answer, and the
     * (series key, request with the window resolved) to publish when something is missing.
     */
    public record Assessment(CoverageAnswer answer, Optional<Map.Entry<String, CoverageRequest>> toQueue) {
    }

    public Assessment assess(CoverageRequest request) {
        CoverageWindow window = validator.validate(request);
        List<Session> sessions = TradingPeriods.of(calendars.forSymbol(window.series().symbol()),
                window.series().timeframe(), window.from(), window.to());
        Map<LocalDate, StoredDay> stored = StoredDays.of(coverage, window);
        SortedSet<LocalDate> complete = new TreeSet<>();
        List<LocalDate> sparse = new ArrayList<>();
        for (Session s : sessions) {
            StoredDay day = stored.get(s.day());
            if (day != null && day.covered()) {
                complete.add(s.day());
                if (day.settledSparse()) {
                    sparse.add(s.day());
                }
            }
        }
        int covered = complete.size();
        boolean hasCoverage = covered == sessions.size();
        boolean queue = !hasCoverage || request.refreshing();
        // The window is resolved here so the planner sees the same dates and derives the same job id.
        Optional<Map.Entry<String, CoverageRequest>> toQueue = !queue ? Optional.empty()
                : Optional.of(Map.entry(window.series().key(), request.resolvedTo(window)));
        CoverageAnswer answer = new CoverageAnswer(hasCoverage, queue ? window.jobId() : null,
                window.series().symbol().value(), window.series().timeframe().code(), window.from(), window.to(),
                complete.isEmpty() ? null : complete.first(), complete.isEmpty() ? null : complete.last(),
                sessions.size(), covered, sparse.size(), sparse);
        return new Assessment(answer, toQueue);
    }

    /** Validates a request without reading or queueing anything. */
    void validate(CoverageRequest request) {
        validator.validate(request);
    }

    /** The per-day view of the same coverage, validated the same way. */
    DayStatesService dayStates(JobProgressView jobs) {
        return new DayStatesService(validator, calendars, coverage, jobs);
    }

    /** The publisher requests go through, shared by the job commands. */
    RequestPublisher publisher() {
        return publisher;
    }
}

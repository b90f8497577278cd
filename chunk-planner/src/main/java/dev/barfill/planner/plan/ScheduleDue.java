package dev.barfill.planner.plan;

import dev.barfill.core.Schedule;
import dev.barfill.core.calendar.ExchangeCalendar;
import java.time.Instant;
import java.util.Optional;

/**
 * When a schedule fires: at each session close of its exchange plus its settle delay. Only the
 * latest due time counts, so closes missed while no planner ran are caught up by one firing, not
 * one per close. Pure.
 */
public final class ScheduleDue {
    private ScheduleDue() {
    }

    /** The latest due time at or before {@code now}. */
    public static Instant latest(ExchangeCalendar calendar, Schedule schedule, Instant now) {
        Instant settledNow = now.minus(schedule.settleDelay());
        return calendar.session(calendar.lastClosedDay(settledNow)).orElseThrow().close()
                .plus(schedule.settleDelay());
    }

    /**
     * The due time to fire for at {@code now}, or empty: the latest one, when it is later than the
     * last firing (or, never fired, than the schedule's creation: closes before it are not caught up).
     *
     * @param lastFired the due time of the last firing, or null
     */
    public static Optional<Instant> toFire(ExchangeCalendar calendar, Schedule schedule, Instant lastFired,
                                           Instant now) {
        Instant since = lastFired != null ? lastFired : schedule.createdAt();
        Instant due = latest(calendar, schedule, now);
        return since == null || due.isAfter(since) ? Optional.of(due) : Optional.empty();
    }
}

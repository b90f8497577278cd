package dev.barfill.planner.plan;

import dev.barfill.core.CronExpression;
import dev.barfill.core.Schedule;
import dev.barfill.core.calendar.ExchangeCalendar;
import java.time.Instant;
import java.util.Optional;

/**
 * When a schedule fires: at each session close of its exchange plus its settle delay, or at the
 * times its cron expression names in the exchange's zone. Only the latest due time counts, so
 * firings missed while no planner ran are caught up by one firing, not one per miss. Pure.
 */
public final class ScheduleDue {
    private ScheduleDue() {
    }

    /** The latest due time at or before {@code now}; empty for a cron expression that named no time in a year. */
    public static Optional<Instant> latest(ExchangeCalendar calendar, Schedule schedule, Instant now) {
        if (schedule.cron() != null) {
            return CronExpression.parse(schedule.cron()).latestAtOrBefore(now, calendar.zone());
        }
        Instant settledNow = now.minus(schedule.settleDelay());
        return calendar.session(calendar.lastClosedDay(settledNow)).map(s -> s.close().plus(schedule.settleDelay()));
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
        return latest(calendar, schedule, now).filter(due -> since == null || due.isAfter(since));
    }
}

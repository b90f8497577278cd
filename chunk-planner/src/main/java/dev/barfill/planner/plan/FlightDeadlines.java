package dev.barfill.planner.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What to do with the days of a series whose deadline has passed with no event: a lost chunk or
 * event must not leave a job short of 100% for ever. A day overdue for the first time is planned
 * again; a day overdue after {@link #MAX_REPLANS} re-plans fails, so its jobs end. Pure.
 */
public final class FlightDeadlines {
    /** Re-plans of one flight before it fails. */
    public static final int MAX_REPLANS = 1;

    /** An overdue day and what becomes of it. */
    public sealed interface Overdue {
        LocalDate day();

        SeriesState.Flight flight();
    }

    /** Plan the day again: a new chunk, a new plan time, a new deadline. */
    public record Replan(LocalDate day, SeriesState.Flight flight) implements Overdue {
    }

    /** Fail the day for every waiter, with {@code reason}. */
    public record GiveUp(LocalDate day, SeriesState.Flight flight, String reason) implements Overdue {
    }

    private FlightDeadlines() {
    }

    /**
     * The overdue days of {@code state} at {@code now}, in date order.
     *
     * @param timeout the flight timeout, for flights stored without a deadline
     */
    public static List<Overdue> overdue(SeriesState state, Instant now, Duration timeout) {
        List<Overdue> out = new ArrayList<>();
        for (Map.Entry<LocalDate, SeriesState.Flight> e : new java.util.TreeMap<>(state.inFlight()).entrySet()) {
            SeriesState.Flight flight = e.getValue();
            if (flight.deadlineOr(timeout).isAfter(now)) {
                continue;
            }
            if (flight.replans() < MAX_REPLANS) {
                out.add(new Replan(e.getKey(), flight));
            } else {
                out.add(new GiveUp(e.getKey(), flight, "no outcome within " + timeout + " of planning, "
                        + (flight.replans() + 1) + " times (last planned at " + flight.plannedAt() + ")"));
            }
        }
        return out;
    }
}

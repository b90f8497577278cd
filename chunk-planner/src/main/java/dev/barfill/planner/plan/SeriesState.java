package dev.barfill.planner.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planner remembers of one series: the days in flight and the jobs waiting for each.
 * A day in flight is never planned again; a new job that needs it simply joins the waiters.
 * Immutable: every change returns a new state.
 */
public record SeriesState(Map<LocalDate, List<String>> inFlight) {

    public SeriesState {
        inFlight = inFlight == null ? Map.of() : Map.copyOf(inFlight);
    }

    public static SeriesState empty() {
        return new SeriesState(Map.of());
    }

    public boolean isInFlight(LocalDate day) {
        return inFlight.containsKey(day);
    }

    /** Adds {@code jobId} to the waiters of {@code day}, putting the day in flight if it was not. */
    public SeriesState withWaiter(LocalDate day, String jobId) {
        Map<LocalDate, List<String>> next = new TreeMap<>(inFlight);
        Set<String> waiters = new TreeSet<>(next.getOrDefault(day, List.of()));
        waiters.add(jobId);
        next.put(day, List.copyOf(waiters));
        return new SeriesState(next);
    }

    /** The day has settled: it leaves the flight list. */
    public SeriesState without(LocalDate day) {
        if (!inFlight.containsKey(day)) {
            return this;
        }
        Map<LocalDate, List<String>> next = new TreeMap<>(inFlight);
        next.remove(day);
        return new SeriesState(next);
    }

    public List<String> waiters(LocalDate day) {
        return inFlight.getOrDefault(day, List.of());
    }
}

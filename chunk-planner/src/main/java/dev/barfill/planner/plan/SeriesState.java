package dev.barfill.planner.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planner remembers of one series: the days in flight and the jobs waiting for each.
 * A day in flight is never planned again; a new job that needs it simply joins the waiters.
 * Immutable: every change returns a new state.
 *
 * @param inFlight      day to its flight: when it was planned and who waits for it
 * @param lastPlannedAt the newest plan time handed out; plan times of a series only grow, so a
 *                      flight (chunk key and plan time) is never confused with an earlier one
 * @param failedDays    every day some job of the series may count failed (a superset: days of
 *                      jobs since retired or cancelled may stay), so that a day stored outside
 *                      its flight is looked for among the series' jobs only when one may have
 *                      failed it; null when not known (state written before it existed, a new
 *                      series whose jobs were not looked at yet): then every stored day looks
 *
 * <p>Instants are stored as nanoseconds since the epoch ({@link EpochInstant}): the state is read
 * and written for every event. State stored with ISO-8601 instants still reads.
 */
public record SeriesState(
        @JsonDeserialize(keyUsing = EpochInstant.DayKeyReader.class) Map<LocalDate, Flight> inFlight,
        @JsonSerialize(using = EpochInstant.Writer.class) @JsonDeserialize(using = EpochInstant.Reader.class)
        Instant lastPlannedAt,
        Set<LocalDate> failedDays) {

    /**
     * One planned fetch of a day.
     *
     * @param plannedAt the {@code plannedAt} of the chunk that was sent, naming this flight
     * @param waiters   the live jobs waiting for the day, sorted
     * @param deadline  when the day is overdue if no event settled it; null in state written before
     *                  deadlines existed (then {@code plannedAt} plus the configured timeout)
     * @param replans   how many times the day was planned again after a deadline passed
     */
    public record Flight(
            @JsonSerialize(using = EpochInstant.Writer.class) Instant plannedAt,
            List<String> waiters,
            @JsonSerialize(using = EpochInstant.Writer.class) Instant deadline,
            int replans) {
        public Flight {
            waiters = List.copyOf(new TreeSet<>(waiters));
        }

        public Flight(Instant plannedAt, List<String> waiters) {
            this(plannedAt, waiters, null, 0);
        }

        /** Reads state written before deadlines existed, which has no {@code replans}. */
        @JsonCreator
        static Flight read(
                @JsonProperty("plannedAt") @JsonDeserialize(using = EpochInstant.Reader.class) Instant plannedAt,
                @JsonProperty("waiters") List<String> waiters,
                @JsonProperty("deadline") @JsonDeserialize(using = EpochInstant.Reader.class) Instant deadline,
                @JsonProperty("replans") Integer replans) {
            return new Flight(plannedAt, waiters, deadline, replans == null ? 0 : replans);
        }

        /** The deadline, or {@code plannedAt + timeout} for a flight that has none. */
        public Instant deadlineOr(Duration timeout) {
            return deadline != null ? deadline : plannedAt.plus(timeout);
        }
    }

    public SeriesState {
        inFlight = inFlight == null ? Map.of() : Map.copyOf(inFlight);
        // Sorted, so that equal states are written as equal bytes.
        failedDays = failedDays == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(failedDays));
    }

    /** A state whose failed days are not known. */
    public SeriesState(Map<LocalDate, Flight> inFlight, Instant lastPlannedAt) {
        this(inFlight, lastPlannedAt, null);
    }

    public static SeriesState empty() {
        return new SeriesState(Map.of(), null, null);
    }

    /** Whether some job of the series may count {@code day} failed: always when that is not known. */
    public boolean mayHaveFailed(LocalDate day) {
        return failedDays == null || failedDays.contains(day);
    }

    /** The state with {@code days} as every day a job of the series counts failed, as just looked up. */
    public SeriesState withFailedDays(Set<LocalDate> days) {
        return new SeriesState(inFlight, lastPlannedAt, days);
    }

    /** The state with {@code days} failed by some job too; unknown stays unknown. */
    public SeriesState withFailed(Collection<LocalDate> days) {
        if (failedDays == null || failedDays.containsAll(days)) {
            return this;
        }
        Set<LocalDate> more = new TreeSet<>(failedDays);
        more.addAll(days);
        return new SeriesState(inFlight, lastPlannedAt, more);
    }

    public boolean isInFlight(LocalDate day) {
        return inFlight.containsKey(day);
    }

    /** A plan time for a new plan at {@code now}: {@code now}, or just after the last one. */
    public Instant nextPlannedAt(Instant now) {
        return lastPlannedAt == null || now.isAfter(lastPlannedAt) ? now : lastPlannedAt.plusNanos(1);
    }

    /**
     * Adds {@code jobId} to the waiters of {@code day}; a day not yet in flight takes off with
     * {@code plannedAt}.
     */
    public SeriesState withWaiter(LocalDate day, String jobId, Instant plannedAt) {
        return withWaiter(day, jobId, plannedAt, null);
    }

    /**
     * Adds {@code jobId} to the waiters of {@code day}; a day not yet in flight takes off with
     * {@code plannedAt} and {@code deadline}. Joining never moves a flight's deadline.
     */
    public SeriesState withWaiter(LocalDate day, String jobId, Instant plannedAt, Instant deadline) {
        Map<LocalDate, Flight> next = new TreeMap<>(inFlight);
        Flight flight = next.get(day);
        Set<String> waiters = new TreeSet<>(flight == null ? List.of() : flight.waiters());
        waiters.add(jobId);
        next.put(day, flight == null ? new Flight(plannedAt, List.copyOf(waiters), deadline, 0)
                : new Flight(flight.plannedAt(), List.copyOf(waiters), flight.deadline(), flight.replans()));
        Instant last = lastPlannedAt == null || plannedAt.isAfter(lastPlannedAt) ? plannedAt : lastPlannedAt;
        return new SeriesState(next, last, failedDays);
    }

    /**
     * Takes {@code jobId} off the waiters of {@code day}; a day nobody waits for any more leaves
     * the flight list.
     */
    public SeriesState withoutWaiter(LocalDate day, String jobId) {
        Flight flight = inFlight.get(day);
        if (flight == null || !flight.waiters().contains(jobId)) {
            return this;
        }
        Map<LocalDate, Flight> next = new TreeMap<>(inFlight);
        List<String> rest = flight.waiters().stream().filter(w -> !w.equals(jobId)).toList();
        if (rest.isEmpty()) {
            next.remove(day);
        } else {
            next.put(day, new Flight(flight.plannedAt(), rest, flight.deadline(), flight.replans()));
        }
        return new SeriesState(next, lastPlannedAt, failedDays);
    }

    /** The day has settled: it leaves the flight list. */
    public SeriesState without(LocalDate day) {
        if (!inFlight.containsKey(day)) {
            return this;
        }
        Map<LocalDate, Flight> next = new TreeMap<>(inFlight);
        next.remove(day);
        return new SeriesState(next, lastPlannedAt, failedDays);
    }

    /**
     * The day, still in flight, is planned again: a new flight of the same waiters with
     * {@code plannedAt}, {@code deadline} and one more re-plan.
     */
    public SeriesState replanned(LocalDate day, Instant plannedAt, Instant deadline) {
        Flight flight = inFlight.get(day);
        if (flight == null) {
            return this;
        }
        Map<LocalDate, Flight> next = new TreeMap<>(inFlight);
        next.put(day, new Flight(plannedAt, flight.waiters(), deadline, flight.replans() + 1));
        Instant last = lastPlannedAt == null || plannedAt.isAfter(lastPlannedAt) ? plannedAt : lastPlannedAt;
        return new SeriesState(next, last, failedDays);
    }

    public List<String> waiters(LocalDate day) {
        Flight flight = inFlight.get(day);
        return flight == null ? List.of() : flight.waiters();
    }

    public Optional<Flight> flight(LocalDate day) {
        return Optional.ofNullable(inFlight.get(day));
    }
}

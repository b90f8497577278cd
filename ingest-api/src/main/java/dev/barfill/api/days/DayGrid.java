package dev.barfill.api.days;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every trading day of a window, in date order, with a count per state.
 *
 * @param counts how many days are in each state; every state is present, zero or not
 */
public record DayGrid(List<DayStatus> days, Map<DayState, Integer> counts) {

    public DayGrid {
        days = List.copyOf(days);
        counts = Map.copyOf(counts);
    }

    static DayGrid of(List<DayStatus> days) {
        Map<DayState, Integer> counts = new EnumMap<>(DayState.class);
        for (DayState s : DayState.values()) {
            counts.put(s, 0);
        }
        days.forEach(d -> counts.merge(d.state(), 1, Integer::sum));
        return new DayGrid(days, counts);
    }

    public List<DayStatus> inState(DayState state) {
        return days.stream().filter(d -> d.state() == state).toList();
    }
}

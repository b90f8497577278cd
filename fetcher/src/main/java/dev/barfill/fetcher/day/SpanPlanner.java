package dev.barfill.fetcher.day;

import dev.barfill.core.calendar.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Coalescing: groups the sessions of one series into as few requests as a provider's span
 * allows. Sessions are taken in date order; a span starts at its first session and holds every
 * later session within {@code maxSpanDays} calendar days of it. Pure.
 */
public final class SpanPlanner {

    private SpanPlanner() {
    }

    /** The sessions of one request, first to last; it covers {@code first.open} to {@code last.close}. */
    public record Span(List<Session> sessions) {
        public Span {
            sessions = List.copyOf(sessions);
        }

        public Session first() {
            return sessions.get(0);
        }

        public Session last() {
            return sessions.get(sessions.size() - 1);
        }
    }

    /** @param sessions distinct sessions, in any order */
    public static List<Span> spans(List<Session> sessions, int maxSpanDays) {
        if (maxSpanDays < 1) {
            throw new IllegalArgumentException("a span must allow at least one day, got " + maxSpanDays);
        }
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort((a, b) -> a.day().compareTo(b.day()));
        List<Span> out = new ArrayList<>();
        List<Session> current = new ArrayList<>();
        for (Session s : sorted) {
            if (!current.isEmpty() && !s.day().isBefore(current.get(0).day().plusDays(maxSpanDays))) {
                out.add(new Span(current));
                current = new ArrayList<>();
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            out.add(new Span(current));
        }
        return out;
    }
}

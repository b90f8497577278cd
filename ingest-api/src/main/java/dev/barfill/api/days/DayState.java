package dev.barfill.api.days;

/** What a chart or the job page shows for one trading day of a series. */
public enum DayState {
    /** Stored complete before the job in question started (or, for a series, stored complete). */
    COVERED,
    /** Stored complete by the job in question. */
    DONE,
    /** Settled with fewer bars than the session should have: a quality signal, never fetched again. */
    SPARSE,
    /**
     * Planned and waiting for its bars (a running job's pending day), or stored in part and not
     * final yet (today's session, open or within the settle delay), shown with its bars so far.
     */
    IN_FLIGHT,
    /** In flight, but its last try failed for now (or its provider holds it): it waits in a retry tier. */
    RETRYING,
    /** Settled by its job without bars: every provider failed or refused it. */
    FAILED,
    /** Older than the provider's history for the timeframe: never planned. */
    UNAVAILABLE,
    /** Not stored and nobody is fetching it (or its job was cancelled). */
    MISSING
}

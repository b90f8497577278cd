package dev.barfill.fetcher.provider;

/** A source of bars. Implementations are thread-safe and never throw for provider errors. */
public interface BarProvider {

    /** Short name stored with every bar, for example {@code yahoo}. */
    String name();

    FetchOutcome fetch(BarRequest request);
}

package dev.barfill.fetcher.provider;

import okhttp3.Interceptor;

/**
 * The {@code User-Agent} every provider request carries. Yahoo answers library agents (okhttp,
 * Java, python-requests) with 429 whatever the rate, so by default barfill presents itself as a
 * desktop browser; {@code fetcher.user-agent} overrides it.
 */
public final class UserAgent {
    /** A current desktop Chrome's agent string. */
    public static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private UserAgent() {
    }

    /** Sets {@code agent} on every request the client sends, replacing okhttp's own {@code okhttp/5.x}. */
    public static Interceptor interceptor(String agent) {
        if (agent == null || agent.isBlank()) {
            throw new IllegalArgumentException("fetcher.user-agent must not be blank");
        }
        return chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", agent).build());
    }
}

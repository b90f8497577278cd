package dev.barfill.api;

import dev.barfill.api.auth.AuthSettings;
import dev.barfill.core.HistoryLimits;
import dev.barfill.core.WindowSizes;
import java.time.Duration;

/**
 * Settings of the API role.
 *
 * @param port           HTTP port; 0 picks a free one (tests)
 * @param maxWindowDays  longest accepted window of any timeframe, in trading days (default
 *                       {@value WindowSizes#LONGEST}, about 30 years); intraday windows are further
 *                       bounded by the providers' history ({@code history})
 * @param produceTimeout how long a request waits for Kafka to acknowledge its record (default 10 s)
 * @param maxBars        most bars one {@code GET /v1/bars} returns (default 100 000)
 * @param maxBulkSymbols most symbols in one {@code POST /v1/coverage/bulk} (default 1000)
 * @param sseJobWait     how long an event stream waits for a job the view has not seen yet (default 60 s)
 * @param auth           API keys and rate limits (default: no keys, open, 50 requests/s per client)
 * @param host           address to bind: {@value #ALL_INTERFACES} (default, as a container needs) or
 *                       {@value #LOOPBACK} for this machine only
 * @param defaultWindows the window of a request that names none, per timeframe in trading days, as
 *                       {@code 15m=30,1h=90}; must match {@code planner.default-windows}
 * @param history        how far back the providers serve each timeframe, as the planner plans with it
 *                       (default {@link HistoryLimits#yahoo()}; the app derives it as the planner's)
 */
public record ApiConfig(int port, int maxWindowDays, Duration produceTimeout, int maxBars, int maxBulkSymbols,
                        Duration sseJobWait, AuthSettings auth, String host, String defaultWindows,
                        HistoryLimits history) {
    public static final String ALL_INTERFACES = "0.0.0.0";
    public static final String LOOPBACK = "127.0.0.1";

    public ApiConfig(int port, int maxWindowDays, Duration produceTimeout, int maxBars, int maxBulkSymbols,
                     Duration sseJobWait, AuthSettings auth) {
        this(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, ALL_INTERFACES, "");
    }

    public ApiConfig(int port, int maxWindowDays, Duration produceTimeout, int maxBars, int maxBulkSymbols,
                     Duration sseJobWait, AuthSettings auth, String host) {
        this(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, host, "");
    }

    /** Settings bounding windows by Yahoo's history. */
    public ApiConfig(int port, int maxWindowDays, Duration produceTimeout, int maxBars, int maxBulkSymbols,
                     Duration sseJobWait, AuthSettings auth, String host, String defaultWindows) {
        this(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, host, defaultWindows,
                HistoryLimits.yahoo());
    }

    public ApiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("api.port must be 0-65535, got " + port);
        }
        if (maxWindowDays < 1) {
            throw new IllegalArgumentException("api.max-window-days must be at least 1, got " + maxWindowDays);
        }
        if (maxBars < 1) {
            throw new IllegalArgumentException("api.max-bars must be at least 1, got " + maxBars);
        }
        if (maxBulkSymbols < 1) {
            throw new IllegalArgumentException("api.max-bulk-symbols must be at least 1, got " + maxBulkSymbols);
        }
        if (sseJobWait == null || sseJobWait.isNegative()) {
            throw new IllegalArgumentException("api.sse-job-wait must be zero or more, got " + sseJobWait);
        }
        if (auth == null) {
            throw new IllegalArgumentException("api auth settings are required; use AuthSettings.open()");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("api.host must be an address to bind, such as 0.0.0.0 or 127.0.0.1");
        }
        if (history == null) {
            history = HistoryLimits.yahoo();
        }
        try {
            WindowSizes.configured(history, maxWindowDays, defaultWindows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("api.default-windows: " + e.getMessage(), e);
        }
    }

    public static ApiConfig defaults(int port) {
        return new ApiConfig(port, WindowSizes.LONGEST, Duration.ofSeconds(10), 100_000, 1000, Duration.ofSeconds(60), AuthSettings.open());
    }

    public ApiConfig withAuth(AuthSettings auth) {
        return new ApiConfig(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, host, defaultWindows, history);
    }

    public ApiConfig withHost(String host) {
        return new ApiConfig(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, host, defaultWindows,
                history);
    }

    /** The same settings bounding windows by other providers' history (the planner's). */
    public ApiConfig withHistory(HistoryLimits limits) {
        return new ApiConfig(port, maxWindowDays, produceTimeout, maxBars, maxBulkSymbols, sseJobWait, auth, host, defaultWindows,
                limits);
    }

    /** The window sizes the API applies; the planner's defaults bound them alike. */
    public WindowSizes windowSizes() {
        return WindowSizes.configured(history, maxWindowDays, defaultWindows);
    }

    /** Whether anyone beyond this machine can reach the API. */
    public boolean reachableFromOutside() {
        return !(host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1"));
    }
}

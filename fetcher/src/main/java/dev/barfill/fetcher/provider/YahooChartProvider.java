package dev.barfill.fetcher.provider;

import dev.barfill.core.Timeframe;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The Yahoo Finance v8 chart endpoint, {@code GET {base}/v8/finance/chart/{symbol}} with
 * {@code period1}, {@code period2} (epoch seconds) and {@code interval}. No key.
 */
public final class YahooChartProvider implements BarProvider {
    private static final Map<Timeframe, String> INTERVALS = Map.of(
            Timeframe.M1, "1m", Timeframe.M5, "5m", Timeframe.M15, "15m", Timeframe.M30, "30m",
            Timeframe.H1, "1h", Timeframe.D1, "1d", Timeframe.W1, "1wk");

    private final ProviderHttp http;
    private final HttpUrl base;
    private final String name;

    public YahooChartProvider(String name, OkHttpClient http, String baseUrl) {
        this.name = name;
        this.http = new ProviderHttp(name, http, Clock.systemUTC(), ProviderHttp.PageGate.OPEN);
        this.base = Urls.parse(baseUrl);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FetchOutcome fetch(BarRequest request) {
        String interval = INTERVALS.get(request.series().timeframe());
        if (interval == null) {
            return new FetchOutcome.Permanent(name + " has no " + request.series().timeframe() + " interval");
        }
        HttpUrl url = base.newBuilder()
                .addPathSegments("v8/finance/chart")
                .addPathSegment(request.series().symbol().value())
                .addQueryParameter("period1", Long.toString(request.start().getEpochSecond()))
                .addQueryParameter("period2", Long.toString(request.end().getEpochSecond()))
                .addQueryParameter("interval", interval)
                .addQueryParameter("includePrePost", "false")
                .build();
        ProviderHttp.Answer answer = http.get(new Request.Builder().url(url).get().build());
        if (answer instanceof ProviderHttp.Failure failure) {
            return failure.outcome();
        }
        ProviderHttp.Json200 ok = (ProviderHttp.Json200) answer;
        // 404 "No data found, symbol may be delisted" and 422 "range must be within the last N days"
        // come as the chart error object: both will fail again the same way.
        String error = YahooChartParser.error(ok.body());
        if (error != null) {
            return new FetchOutcome.Permanent(name + " refused: " + error);
        }
        if (ok.code() >= 400) {
            return new FetchOutcome.Permanent(name + " answered HTTP " + ok.code());
        }
        try {
            return new FetchOutcome.Fetched(YahooChartParser.bars(ok.body()));
        } catch (IllegalArgumentException e) {
            return new FetchOutcome.Permanent(name + " answered an unexpected shape: " + e.getMessage());
        }
    }

    /** {@link #defaultClient(Duration, int, String)} with the browser's {@link UserAgent#BROWSER}. */
    public static OkHttpClient defaultClient(Duration timeout, int maxRequests) {
        return defaultClient(timeout, maxRequests, UserAgent.BROWSER);
    }

    /**
     * Default client settings for a provider: bounded timeouts so a stuck call cannot hold a batch,
     * and {@code userAgent} on every request (never okhttp's own).
     */
    public static OkHttpClient defaultClient(Duration timeout, int maxRequests, String userAgent) {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(maxRequests);
        dispatcher.setMaxRequestsPerHost(maxRequests);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new okhttp3.ConnectionPool(maxRequests, 5, java.util.concurrent.TimeUnit.MINUTES))
                .callTimeout(timeout)
                .addInterceptor(UserAgent.interceptor(userAgent))
                .build();
    }
}

package dev.barfill.fetcher.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Json;
import dev.barfill.core.Timeframe;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Yahoo Finance v8 chart endpoint, {@code GET {base}/v8/finance/chart/{symbol}} with
 * {@code period1}, {@code period2} (epoch seconds) and {@code interval}. No key.
 */
public final class YahooChartProvider implements BarProvider {
    private static final Map<Timeframe, String> INTERVALS = Map.of(
            Timeframe.M1, "1m", Timeframe.M5, "5m", Timeframe.M15, "15m", Timeframe.M30, "30m",
            Timeframe.H1, "1h", Timeframe.D1, "1d", Timeframe.W1, "1wk");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String name;

    public YahooChartProvider(String name, OkHttpClient http, String baseUrl) {
        this.name = name;
        this.http = http;
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("provider base URL '" + baseUrl + "' is not an http(s) URL");
        }
        this.base = parsed;
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
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            return outcome(response);
        } catch (IOException e) {
            return new FetchOutcome.Transient(name + " unreachable: " + e, null);
        }
    }

    private FetchOutcome outcome(Response response) throws IOException {
        int code = response.code();
        if (code == 429 || code >= 500) {
            return new FetchOutcome.Transient(name + " answered HTTP " + code, RetryAfter.parse(response.header("Retry-After")));
        }
        ResponseBody body = response.body();
        JsonNode root;
        try {
            root = Json.mapper().readTree(body.byteStream());
        } catch (JacksonException e) {
            return code >= 400
                    ? new FetchOutcome.Permanent(name + " answered HTTP " + code)
                    // A cut-off or garbled body is a broken transfer far more often than a broken API.
                    : new FetchOutcome.Transient(name + " answered malformed JSON: " + e.getOriginalMessage(), null);
        }
        String error = YahooChartParser.error(root);
        if (error != null) {
            return new FetchOutcome.Permanent(name + " refused: " + error);
        }
        if (code >= 400) {
            return new FetchOutcome.Permanent(name + " answered HTTP " + code);
        }
        try {
            return new FetchOutcome.Fetched(YahooChartParser.bars(root));
        } catch (IllegalArgumentException e) {
            return new FetchOutcome.Permanent(name + " answered an unexpected shape: " + e.getMessage());
        }
    }

    /** Default client settings for a provider: bounded timeouts so a stuck call cannot hold a batch. */
    public static OkHttpClient defaultClient(Duration timeout, int maxRequests) {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(maxRequests);
        dispatcher.setMaxRequestsPerHost(maxRequests);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new okhttp3.ConnectionPool(maxRequests, 5, java.util.concurrent.TimeUnit.MINUTES))
                .callTimeout(timeout)
                .build();
    }
}

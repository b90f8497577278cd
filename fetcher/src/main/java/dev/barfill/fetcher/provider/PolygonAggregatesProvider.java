package dev.barfill.fetcher.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Bar;
import dev.barfill.core.Timeframe;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Polygon v2 aggregates, {@code GET {base}/v2/aggs/ticker/{symbol}/range/{multiplier}/{timespan}/{from}/{to}}
 * with millisecond bounds, the key as a bearer token. {@code results[]} holds {@code t} (ms),
 * {@code o h l c v}; minutes without trades are simply absent; an answer without {@code results}
 * is an empty range; {@code next_url} leads to the next page (at most {@value #MAX_PAGES}).
 * {@code status: ERROR} or {@code NOT_AUTHORIZED} is permanent.
 */
public final class PolygonAggregatesProvider implements BarProvider {
    private static final int MAX_PAGES = 50;
    private static final Map<Timeframe, String> RANGES = Map.of(
            Timeframe.M1, "1/minute", Timeframe.M5, "5/minute", Timeframe.M15, "15/minute",
            Timeframe.M30, "30/minute", Timeframe.H1, "1/hour", Timeframe.H4, "4/hour",
            Timeframe.D1, "1/day", Timeframe.W1, "1/week");

    private final String name;
    private final HttpUrl base;
    private final String apiKey;
    private final ProviderHttp http;
    private final ProviderHttp.PageGate gate;

    public PolygonAggregatesProvider(String name, OkHttpClient client, String baseUrl, String apiKey, Clock clock,
                                     ProviderHttp.PageGate gate) {
        this.name = name;
        this.base = Urls.parse(baseUrl);
        this.apiKey = apiKey;
        this.http = new ProviderHttp(name, client, clock, gate);
        this.gate = gate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FetchOutcome fetch(BarRequest request) {
        String range = RANGES.get(request.series().timeframe());
        HttpUrl url = base.newBuilder().addPathSegments("v2/aggs/ticker")
                .addPathSegment(request.series().symbol().value())
                .addPathSegments("range/" + range)
                .addPathSegment(Long.toString(request.start().toEpochMilli()))
                .addPathSegment(Long.toString(request.end().toEpochMilli() - 1))
                .addQueryParameter("adjusted", "true").addQueryParameter("sort", "asc")
                .addQueryParameter("limit", "50000").build();
        List<Bar> bars = new ArrayList<>();
        for (int page = 1; url != null; page++) {
            if (page > MAX_PAGES) {
                return new FetchOutcome.Permanent(name + " kept paging past " + MAX_PAGES + " pages");
            }
            if (page > 1 && !Urls.awaitGate(gate)) {
                return new FetchOutcome.Transient(name + " paging stopped (provider held or interrupted)", null);
            }
            ProviderHttp.Answer answer = http.get(new Request.Builder().url(url)
                    .header("Authorization", "Bearer " + apiKey).get().build());
            if (answer instanceof ProviderHttp.Failure f) {
                return f.outcome();
            }
            ProviderHttp.Json200 ok = (ProviderHttp.Json200) answer;
            JsonNode body = ok.body();
            String status = body.path("status").asText("");
            if (ok.code() >= 400 || status.equals("ERROR") || status.equals("NOT_AUTHORIZED")) {
                String message = body.path("error").asText(body.path("message").asText("HTTP " + ok.code()));
                return new FetchOutcome.Permanent(name + " refused: " + message);
            }
            for (JsonNode r : body.path("results")) {
                if (r.path("t").isNumber() && r.path("o").isNumber() && r.path("h").isNumber()
                        && r.path("l").isNumber() && r.path("c").isNumber()) {
                    bars.add(new Bar(Instant.ofEpochMilli(r.path("t").asLong()), r.path("o").asDouble(),
                            r.path("h").asDouble(), r.path("l").asDouble(), r.path("c").asDouble(),
                            Math.round(r.path("v").asDouble(0))));
                }
            }
            String next = body.path("next_url").asText(null);
            url = next == null || next.isBlank() ? null : HttpUrl.parse(next);
        }
        return new FetchOutcome.Fetched(bars);
    }
}

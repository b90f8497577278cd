package dev.barfill.fetcher.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Bar;
import dev.barfill.core.Timeframe;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Alpaca market data v2, {@code GET {base}/v2/stocks/{symbol}/bars?timeframe=15Min&start=&end=&feed=}
 * with {@code APCA-API-KEY-ID} and {@code APCA-API-SECRET-KEY} headers. {@code bars[]} holds
 * RFC-3339 {@code t} and {@code o h l c v}, or is null for an empty range; {@code next_page_token}
 * leads to the next page. 429 waits for {@code X-RateLimit-Reset}; other 4xx answers
 * ({@code {"code":..,"message":..}}) are permanent.
 */
public final class AlpacaBarsProvider implements BarProvider {
    private static final int MAX_PAGES = 50;
    private static final Map<Timeframe, String> TIMEFRAMES = Map.of(
            Timeframe.M1, "1Min", Timeframe.M5, "5Min", Timeframe.M15, "15Min", Timeframe.M30, "30Min",
            Timeframe.H1, "1Hour", Timeframe.H4, "4Hour", Timeframe.D1, "1Day", Timeframe.W1, "1Week");

    private final String name;
    private final HttpUrl base;
    private final String keyId;
    private final String secret;
    private final String feed;
    private final ProviderHttp http;
    private final ProviderHttp.PageGate gate;

    public AlpacaBarsProvider(String name, OkHttpClient client, String baseUrl, String keyId, String secret, String feed,
                              Clock clock, ProviderHttp.PageGate gate) {
        this.name = name;
        this.base = Urls.parse(baseUrl);
        this.keyId = keyId;
        this.secret = secret;
        this.feed = feed;
        this.http = new ProviderHttp(name, client, clock, gate);
        this.gate = gate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FetchOutcome fetch(BarRequest request) {
        HttpUrl first = base.newBuilder().addPathSegments("v2/stocks").addPathSegment(request.series().symbol().value())
                .addPathSegment("bars")
                .addQueryParameter("timeframe", TIMEFRAMES.get(request.series().timeframe()))
                .addQueryParameter("start", request.start().toString())
                .addQueryParameter("end", request.end().minusSeconds(1).toString())
                .addQueryParameter("limit", "10000").addQueryParameter("adjustment", "raw")
                .addQueryParameter("feed", feed).addQueryParameter("sort", "asc").build();
        List<Bar> bars = new ArrayList<>();
        String token = null;
        for (int page = 1; page == 1 || token != null; page++) {
            if (page > MAX_PAGES) {
                return new FetchOutcome.Permanent(name + " kept paging past " + MAX_PAGES + " pages");
            }
            if (page > 1 && !Urls.awaitGate(gate)) {
                return new FetchOutcome.Transient(name + " paging stopped (provider held or interrupted)", null);
            }
            HttpUrl url = token == null ? first : first.newBuilder().addQueryParameter("page_token", token).build();
            ProviderHttp.Answer answer = http.get(new Request.Builder().url(url).header("APCA-API-KEY-ID", keyId)
                    .header("APCA-API-SECRET-KEY", secret).get().build());
            if (answer instanceof ProviderHttp.Failure f) {
                return f.outcome();
            }
            ProviderHttp.Json200 ok = (ProviderHttp.Json200) answer;
            if (ok.code() >= 400) {
                return new FetchOutcome.Permanent(name + " refused: HTTP " + ok.code() + " "
                        + ok.body().path("message").asText(""));
            }
            try {
                for (JsonNode b : ok.body().path("bars")) {
                    if (b.path("t").isTextual() && b.path("o").isNumber() && b.path("h").isNumber()
                            && b.path("l").isNumber() && b.path("c").isNumber()) {
                        bars.add(new Bar(Instant.parse(b.path("t").asText()), b.path("o").asDouble(),
                                b.path("h").asDouble(), b.path("l").asDouble(), b.path("c").asDouble(),
                                b.path("v").asLong(0)));
                    }
                }
            } catch (DateTimeParseException e) {
                return new FetchOutcome.Permanent(name + " answered a malformed timestamp: " + e.getParsedString());
            }
            JsonNode next = ok.body().path("next_page_token");
            token = next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
        }
        return new FetchOutcome.Fetched(bars);
    }
}

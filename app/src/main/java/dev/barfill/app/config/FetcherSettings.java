package dev.barfill.app.config;

import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderSettings;
import dev.barfill.fetcher.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fetcher's settings as flat keys ({@code fetcher.provider}, {@code fetcher.provider-url},
 * {@code fetcher.retry-tiers=5s,30s,5m}, ...), turned into the fetcher's own {@link FetcherConfig}.
 * One provider per process; a router over several is configured in code.
 *
 * @param provider          {@code simulator} (default), {@code yahoo}, {@code polygon} or {@code alpaca}
 * @param providerUrl       the provider's base URL (required)
 * @param requestsPerMinute the cluster's limit against the provider, shared by all fetchers by their
 *                          partitions of chunks (default 6000)
 * @param apiKey            Polygon's key, or Alpaca's key id (secret; also POLYGON_API_KEY / APCA_API_KEY_ID)
 * @param apiSecret         Alpaca's secret (also APCA_API_SECRET_KEY)
 * @param feed              Alpaca's feed (default {@code iex})
 * @param retryTiers        backoff of each retry tier (default 5s,30s,5m)
 * @param retryJitter       share of random spread on each backoff (default 0.2)
 * @param maxProviderHold   longest wait a provider's Retry-After or X-RateLimit-Reset may impose (default 15m)
 */
public record FetcherSettings(KafkaSettings kafka, String groupId, String provider, String providerUrl,
                              int requestsPerMinute, String apiKey, String apiSecret, String feed, int concurrency,
                              Duration requestTimeout, List<String> retryTiers, double retryJitter,
                              Duration maxProviderHold) {

    static FetcherSettings defaults(KafkaSettings kafka) {
        FetcherConfig d = FetcherConfig.defaults(kafka, "http://provider.invalid");
        return new FetcherSettings(kafka, d.groupId(), "simulator", null, FetcherConfig.DEFAULT_REQUESTS_PER_MINUTE,
                null, null, "iex", d.concurrency(), d.requestTimeout(),
                d.retry().tiers().stream().map(t -> t.toSeconds() + "s").toList(), d.retry().jitter(),
                d.maxProviderHold());
    }

    public FetcherConfig toConfig() {
        ProviderSettings p = switch (provider.toLowerCase(Locale.ROOT)) {
            case "simulator" -> ProviderSettings.simulator(providerUrl, requestsPerMinute);
            case "yahoo" -> ProviderSettings.yahoo(providerUrl, requestsPerMinute);
            case "polygon" -> ProviderSettings.polygon(providerUrl, apiKey, requestsPerMinute);
            case "alpaca" -> ProviderSettings.alpaca(providerUrl, apiKey, apiSecret, feed, requestsPerMinute);
            default -> throw new IllegalArgumentException("fetcher.provider must be simulator, yahoo, polygon or alpaca,"
                    + " got '" + provider + "'");
        };
        List<Duration> tiers = retryTiers.stream().map(t -> {
            try {
                return (Duration) SettingTypes.convert(t, Duration.class);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fetcher.retry-tiers " + e.getMessage());
            }
        }).toList();
        return new FetcherConfig(kafka, groupId, List.of(p), Map.of(), concurrency, requestTimeout,
                new RetryPolicy(tiers, retryJitter), maxProviderHold);
    }
}

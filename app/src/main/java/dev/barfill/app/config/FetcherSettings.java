package dev.barfill.app.config;

import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderChain;
import dev.barfill.fetcher.ProviderSettings;
import dev.barfill.fetcher.ProviderSettings.Kind;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.fetcher.route.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fetcher's settings as flat keys ({@code fetcher.provider}, {@code fetcher.provider-url},
 * {@code fetcher.providers=polygon,yahoo}, {@code fetcher.retry-tiers=5s,30s,5m}, ...), turned into
 * the fetcher's own {@link FetcherConfig}.
 *
 * @param provider          {@code simulator} (default), {@code yahoo}, {@code polygon} or {@code alpaca}
 * @param providerUrl       the provider's base URL: required for the simulator, else the provider's
 *                          public URL by default
 * @param requestsPerMinute the cluster's limit against each provider, shared by all fetchers by their
 *                          partitions of chunks (default per kind: simulator 6000, yahoo 60, polygon 5,
 *                          alpaca 200)
 * @param apiKey            Polygon's key, or Alpaca's key id (secret; also POLYGON_API_KEY / APCA_API_KEY_ID)
 * @param apiSecret         Alpaca's secret (also APCA_API_SECRET_KEY)
 * @param feed              Alpaca's feed (default {@code iex})
 * @param retryTiers        backoff of each retry tier (default 5s,30s,5m)
 * @param retryJitter       share of random spread on each backoff (default 0.2)
 * @param maxProviderHold   longest wait a provider's Retry-After or X-RateLimit-Reset may impose (default 15m)
 * @param providers         a fallback chain, first choice first ({@code polygon,yahoo}; an entry may
 *                          carry its URL, {@code yahoo=http://proxy:8080}); replaces {@code provider}
 *                          and {@code provider-url} when set (see {@link ProviderChain})
 * @param userAgent         User-Agent of every provider request (default a desktop browser's)
 * @param breakerTripAfter  consecutive 429s that trip a provider's circuit breaker (default 5)
 * @param breakerCoolDown   how long a tripped provider is left alone (default 10m)
 * @param settleDelay       a day fetched at or after its close plus this is settled: final with the bars
 *                          the provider has, not fetched again unless asked to refresh (default 15m)
 */
public record FetcherSettings(KafkaSettings kafka, String groupId, String provider, String providerUrl,
                              Integer requestsPerMinute, String apiKey, String apiSecret, String feed, int concurrency,
                              Duration requestTimeout, List<String> retryTiers, double retryJitter,
                              Duration maxProviderHold, List<String> providers, String userAgent,
                              int breakerTripAfter, Duration breakerCoolDown, Duration settleDelay) {

    static FetcherSettings defaults(KafkaSettings kafka) {
        FetcherConfig d = FetcherConfig.defaults(kafka, "http://provider.invalid");
        return new FetcherSettings(kafka, d.groupId(), "simulator", null, null,
                null, null, "iex", d.concurrency(), d.requestTimeout(),
                d.retry().tiers().stream().map(t -> t.toSeconds() + "s").toList(), d.retry().jitter(),
                d.maxProviderHold(), List.of(), d.userAgent(), d.breaker().tripAfter(), d.breaker().coolDown(),
                d.settleDelay());
    }

    public FetcherConfig toConfig() {
        ProviderChain.Defaults defaults = new ProviderChain.Defaults(providerUrl, requestsPerMinute, apiKey, apiSecret,
                feed);
        List<ProviderSettings> chain;
        if (providers != null && !providers.isEmpty()) {
            chain = ProviderChain.parse("fetcher.providers", providers, defaults);
        } else {
            Kind kind = Kind.named("fetcher.provider", provider);
            if (kind == Kind.SIMULATOR && providerUrl == null) {
                throw new IllegalArgumentException("fetcher.provider-url is required for the simulator: set it in the"
                        + " config file, as BARFILL_FETCHER_PROVIDER_URL or with --set fetcher.provider-url=...");
            }
            chain = List.of(ProviderChain.settings("fetcher.provider", providerName(kind), kind, providerUrl,
                    defaults));
        }
        List<Duration> tiers = retryTiers.stream().map(t -> {
            try {
                return (Duration) SettingTypes.convert(t, Duration.class);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fetcher.retry-tiers " + e.getMessage());
            }
        }).toList();
        return new FetcherConfig(kafka, groupId, chain, Map.of(), concurrency, requestTimeout,
                new RetryPolicy(tiers, retryJitter), maxProviderHold, userAgent,
                new CircuitBreaker.Settings(breakerTripAfter, breakerCoolDown), settleDelay);
    }

    /** The simulator speaks Yahoo's format and has always stored its bars as {@code yahoo}. */
    public static String providerName(Kind kind) {
        return kind == Kind.SIMULATOR ? "yahoo" : kind.name().toLowerCase(Locale.ROOT);
    }
}

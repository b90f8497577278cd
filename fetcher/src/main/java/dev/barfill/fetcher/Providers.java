package dev.barfill.fetcher;

import dev.barfill.fetcher.provider.AlpacaBarsProvider;
import dev.barfill.fetcher.provider.BarProvider;
import dev.barfill.fetcher.provider.PolygonAggregatesProvider;
import dev.barfill.fetcher.provider.YahooChartProvider;
import dev.barfill.fetcher.route.CircuitBreaker;
import dev.barfill.fetcher.route.PagingGate;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import dev.barfill.fetcher.route.RateShare;
import dev.barfill.fetcher.route.TokenBucket;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Builds the router from the configured providers: one HTTP client (with the configured
 * {@code User-Agent}), one token bucket per provider, shaped so that no sliding minute sees more than
 * the provider's requests per minute, and one circuit breaker per provider. The router tries them in
 * the configured order, so {@code fetcher.providers=polygon,yahoo} is a fallback chain.
 */
public final class Providers {

    private Providers() {
    }

    public static ProviderRouter router(FetcherConfig config, MeterRegistry registry) {
        return router(config, registry, Clock.systemUTC());
    }

    /** @param clock the role's clock: circuit-breaker cool-downs are measured on it */
    public static ProviderRouter router(FetcherConfig config, MeterRegistry registry, Clock clock) {
        OkHttpClient http = YahooChartProvider.defaultClient(config.requestTimeout(), config.concurrency(),
                config.userAgent());
        List<ProviderRoute> routes = new ArrayList<>();
        for (ProviderSettings p : config.providers()) {
            // The whole limit until the first assignment tells this instance its part (FetcherService).
            RateShare whole = RateShare.ofShare(p.requestsPerMinute());
            TokenBucket bucket = new TokenBucket(whole.refill(), whole.burst(), config.maxProviderHold(),
                    System::nanoTime);
            BarProvider provider = provider(p, http, new PagingGate(p.name(), bucket, registry));
            routes.add(new ProviderRoute(provider, capabilities(p), bucket, registry,
                    new CircuitBreaker(p.name(), config.breaker(), clock)));
        }
        return new ProviderRouter(routes, config.routes());
    }

    static BarProvider provider(ProviderSettings p, OkHttpClient http, PagingGate gate) {
        return switch (p.kind()) {
            case YAHOO, SIMULATOR -> new YahooChartProvider(p.name(), http, p.baseUrl());
            case POLYGON -> new PolygonAggregatesProvider(p.name(), http, p.baseUrl(), p.apiKey(), Clock.systemUTC(),
                    gate);
            case ALPACA -> new AlpacaBarsProvider(p.name(), http, p.baseUrl(), p.apiKey(), p.apiSecret(), p.feed(),
                    Clock.systemUTC(), gate);
        };
    }

    static ProviderCapabilities capabilities(ProviderSettings p) {
        return switch (p.kind()) {
            case YAHOO -> ProviderCapabilities.yahoo(p.requestsPerMinute());
            case SIMULATOR -> ProviderCapabilities.simulator(p.requestsPerMinute());
            case POLYGON -> ProviderCapabilities.polygon(p.requestsPerMinute());
            case ALPACA -> ProviderCapabilities.alpaca(p.requestsPerMinute());
        };
    }
}

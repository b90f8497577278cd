package dev.barfill.fetcher;

import dev.barfill.core.HistoryLimits;

import dev.barfill.core.Timeframe;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.provider.UserAgent;
import dev.barfill.fetcher.retry.RetryPolicy;
import dev.barfill.fetcher.route.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the fetcher role.
 *
 * @param groupId        consumer group of the main topic ({@code barfill-fetcher}); the retry tiers
 *                       are read by {@code groupId + "-retry"}
 * @param providers      the providers, first choice first
 * @param routes         per timeframe, the provider names to try in order; a timeframe not listed
 *                       tries every provider that can serve it, in {@code providers} order
 * @param concurrency    series fetched at once per instance, that is provider calls in flight (default 16)
 * @param requestTimeout whole-call timeout of one provider request (default 30 s)
 * @param retry          retry tiers and jitter (default 5 s, 30 s, 5 min, ±20%)
 * @param maxProviderHold longest wait a provider's {@code Retry-After} or {@code X-RateLimit-Reset}
 *                       may impose (default 15 min); a longer one is cut to it, so a provider that
 *                       answers "come back tomorrow" cannot park the days for a day
 * @param userAgent      the {@code User-Agent} of every provider request (default a desktop browser's,
 *                       {@link UserAgent#BROWSER}: Yahoo answers library agents with 429)
 * @param breaker        when a provider that keeps answering 429 is tripped, and for how long
 *                       (default 5 in a row, 10 min)
 * @param settleDelay    a day fetched at or after its session's close plus this is settled: final
 *                       with whatever bars the provider has, not fetched again unless a request asks
 *                       for a refresh (default 15 min)
 */
public record FetcherConfig(KafkaSettings kafka, String groupId, List<ProviderSettings> providers,
                            Map<Timeframe, List<String>> routes, int concurrency, Duration requestTimeout,
                            RetryPolicy retry, Duration maxProviderHold, String userAgent,
                            CircuitBreaker.Settings breaker, Duration settleDelay) {

    /** Default of {@link #settleDelay}. */
    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofMinutes(15);

    /** Default of {@link #maxProviderHold}. */
    public static final Duration DEFAULT_MAX_PROVIDER_HOLD = Duration.ofMinutes(15);

    /** Requests per minute all fetchers together allow themselves against the default (simulator) provider. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 6_000;

    public FetcherConfig {
        providers = List.copyOf(providers);
        routes = Map.copyOf(routes);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("fetcher.providers must name at least one provider");
        }
        if (providers.stream().map(ProviderSettings::name).distinct().count() != providers.size()) {
            throw new IllegalArgumentException("fetcher.providers names must be distinct, got " + providers);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("fetcher.concurrency must be at least 1, got " + concurrency);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("fetcher.request-timeout must be positive, got " + requestTimeout);
        }
        if (maxProviderHold == null) {
            maxProviderHold = DEFAULT_MAX_PROVIDER_HOLD;
        }
        if (maxProviderHold.isNegative() || maxProviderHold.isZero()) {
            throw new IllegalArgumentException("fetcher.max-provider-hold must be positive, got " + maxProviderHold);
        }
        if (userAgent == null) {
            userAgent = UserAgent.BROWSER;
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("fetcher.user-agent must not be blank");
        }
        if (breaker == null) {
            breaker = CircuitBreaker.Settings.defaults();
        }
        if (settleDelay == null) {
            settleDelay = DEFAULT_SETTLE_DELAY;
        }
        if (settleDelay.isNegative()) {
            throw new IllegalArgumentException("fetcher.settle-delay must not be negative, got " + settleDelay);
        }
    }

    /** With the default {@link #settleDelay}. */
    public FetcherConfig(KafkaSettings kafka, String groupId, List<ProviderSettings> providers,
                         Map<Timeframe, List<String>> routes, int concurrency, Duration requestTimeout,
                         RetryPolicy retry, Duration maxProviderHold, String userAgent,
                         CircuitBreaker.Settings breaker) {
        this(kafka, groupId, providers, routes, concurrency, requestTimeout, retry, maxProviderHold, userAgent, breaker,
                null);
    }

    /** With the default {@link #userAgent} and {@link #breaker}. */
    public FetcherConfig(KafkaSettings kafka, String groupId, List<ProviderSettings> providers,
                         Map<Timeframe, List<String>> routes, int concurrency, Duration requestTimeout,
                         RetryPolicy retry, Duration maxProviderHold) {
        this(kafka, groupId, providers, routes, concurrency, requestTimeout, retry, maxProviderHold, null, null);
    }

    /** With the default {@link #maxProviderHold}. */
    public FetcherConfig(KafkaSettings kafka, String groupId, List<ProviderSettings> providers,
                         Map<Timeframe, List<String>> routes, int concurrency, Duration requestTimeout,
                         RetryPolicy retry) {
        this(kafka, groupId, providers, routes, concurrency, requestTimeout, retry, DEFAULT_MAX_PROVIDER_HOLD);
    }

    /** One Yahoo-format provider at {@code providerBaseUrl} (the simulator in the embedded stack). */
    /** The consumer group of the retry tiers: {@code groupId + "-retry"} ({@code barfill-fetcher-retry}). */
    /** How far back this chain serves each timeframe: the limits a planner planning for it applies. */
    public HistoryLimits history() {
        return HistoryLimits.of(providers.stream().map(p -> p.kind().history()).toList());
    }

    public String retryGroupId() {
        return groupId + "-retry";
    }

    public static FetcherConfig defaults(KafkaSettings kafka, String providerBaseUrl) {
        return new FetcherConfig(kafka, "barfill-fetcher",
                List.of(ProviderSettings.simulator(providerBaseUrl, DEFAULT_REQUESTS_PER_MINUTE)), Map.of(), 16,
                Duration.ofSeconds(30), RetryPolicy.defaults());
    }

    public FetcherConfig withProviders(List<ProviderSettings> newProviders) {
        return new FetcherConfig(kafka, groupId, newProviders, routes, concurrency, requestTimeout, retry,
                maxProviderHold, userAgent, breaker, settleDelay);
    }

    public FetcherConfig withRetry(RetryPolicy newRetry) {
        return new FetcherConfig(kafka, groupId, providers, routes, concurrency, requestTimeout, newRetry,
                maxProviderHold, userAgent, breaker, settleDelay);
    }

    public FetcherConfig withRequestTimeout(Duration timeout) {
        return new FetcherConfig(kafka, groupId, providers, routes, concurrency, timeout, retry, maxProviderHold,
                userAgent, breaker, settleDelay);
    }

    public FetcherConfig withMaxProviderHold(Duration hold) {
        return new FetcherConfig(kafka, groupId, providers, routes, concurrency, requestTimeout, retry, hold,
                userAgent, breaker, settleDelay);
    }

    public FetcherConfig withBreaker(CircuitBreaker.Settings newBreaker) {
        return new FetcherConfig(kafka, groupId, providers, routes, concurrency, requestTimeout, retry,
                maxProviderHold, userAgent, newBreaker, settleDelay);
    }

    public FetcherConfig withUserAgent(String agent) {
        return new FetcherConfig(kafka, groupId, providers, routes, concurrency, requestTimeout, retry,
                maxProviderHold, agent, breaker, settleDelay);
    }

    public FetcherConfig withSettleDelay(Duration delay) {
        return new FetcherConfig(kafka, groupId, providers, routes, concurrency, requestTimeout, retry,
                maxProviderHold, userAgent, breaker, delay);
    }
}

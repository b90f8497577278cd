package dev.barfill.fetcher;

import dev.barfill.core.config.KafkaSettings;
import java.time.Duration;

/**
 * Settings of the fetcher role.
 *
 * @param groupId         consumer group ({@code barfill-fetcher})
 * @param providerBaseUrl base URL of the Yahoo-format chart endpoint
 * @param concurrency     provider calls in flight per instance (default 16)
 * @param maxAttempts     tries per day before it is reported failed (default 3)
 * @param requestTimeout  whole-call timeout of one provider request (default 30 s)
 */
public record FetcherConfig(KafkaSettings kafka, String groupId, String providerName, String providerBaseUrl,
                            int concurrency, int maxAttempts, Duration requestTimeout) {

    public FetcherConfig {
        if (providerBaseUrl == null || !providerBaseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("fetcher.provider-url must be an http(s) URL, got '" + providerBaseUrl + "'");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("fetcher.concurrency must be at least 1, got " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("fetcher.max-attempts must be at least 1, got " + maxAttempts);
        }
    }

    public static FetcherConfig defaults(KafkaSettings kafka, String providerBaseUrl) {
        return new FetcherConfig(kafka, "barfill-fetcher", "yahoo", providerBaseUrl, 16, 3, Duration.ofSeconds(30));
    }
}

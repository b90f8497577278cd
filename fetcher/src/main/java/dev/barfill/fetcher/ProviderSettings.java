package dev.barfill.fetcher;

import dev.barfill.core.ProviderHistory;

/**
 * One provider the fetcher may call.
 *
 * @param name              stored with every bar it delivers ({@code yahoo}, {@code polygon}, ...)
 * @param kind              which API it speaks
 * @param baseUrl           where it is ({@code https://query1.finance.yahoo.com}, {@code https://api.polygon.io},
 *                          {@code https://data.alpaca.markets})
 * @param apiKey            Polygon's API key or Alpaca's key id; from {@code POLYGON_API_KEY} /
 *                          {@code APCA_API_KEY_ID} when not set
 * @param apiSecret         Alpaca's secret key; from {@code APCA_API_SECRET_KEY} when not set
 * @param feed              Alpaca's data feed ({@code iex} by default, {@code sip} with a paid plan)
 * @param requestsPerMinute the rate all fetchers of the cluster together allow themselves (each instance
 *                          takes its part by partitions); keep it below the provider's limit
 */
public record ProviderSettings(String name, Kind kind, String baseUrl, String apiKey, String apiSecret, String feed,
                               int requestsPerMinute) {

    /** The APIs barfill speaks. {@code SIMULATOR} is Yahoo's format without Yahoo's history limits. */
    public enum Kind {
        YAHOO("https://query1.finance.yahoo.com", 60),
        SIMULATOR(null, 6_000),
        POLYGON("https://api.polygon.io", 5),
        ALPACA("https://data.alpaca.markets", 200);

        private final String defaultUrl;
        private final int defaultRequestsPerMinute;

        Kind(String defaultUrl, int defaultRequestsPerMinute) {
            this.defaultUrl = defaultUrl;
            this.defaultRequestsPerMinute = defaultRequestsPerMinute;
        }

        /** The provider's public base URL; null for the simulator, which is wherever it was started. */
        public String defaultUrl() {
            return defaultUrl;
        }

        /**
         * A rate that stays below the provider's own limit on its free plan (Polygon's basic plan:
         * 5 a minute; Alpaca's: 200; Yahoo publishes none, and answers bursts with 429).
         */
        public int defaultRequestsPerMinute() {
            return defaultRequestsPerMinute;
        }

        /** What this kind serves and how far back: core's one declaration, which the planner reads too. */
        public ProviderHistory history() {
            return switch (this) {
                case YAHOO -> ProviderHistory.yahoo();
                case SIMULATOR -> ProviderHistory.simulator();
                case POLYGON -> ProviderHistory.polygon();
                case ALPACA -> ProviderHistory.alpaca();
            };
        }

        /** The kind named {@code name} ({@code simulator}, {@code yahoo}, {@code polygon}, {@code alpaca}). */
        public static Kind named(String setting, String name) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return k;
                }
            }
            throw new IllegalArgumentException(setting + " must be simulator, yahoo, polygon or alpaca, got '"
                    + name + "'");
        }
    }

    public ProviderSettings {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("fetcher.providers name '" + name + "' may hold only a-z, 0-9 and -");
        }
        if (baseUrl == null || !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("fetcher.providers." + name + ".url must be an http(s) URL, got '"
                    + baseUrl + "'");
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("fetcher.providers." + name + ".requests-per-minute must be at least 1, got "
                    + requestsPerMinute);
        }
        if (kind == Kind.POLYGON && blank(apiKey)) {
            throw new IllegalArgumentException("fetcher.providers." + name + ".api-key (or POLYGON_API_KEY) is required");
        }
        if (kind == Kind.ALPACA && (blank(apiKey) || blank(apiSecret))) {
            throw new IllegalArgumentException("fetcher.providers." + name
                    + ".api-key and .api-secret (or APCA_API_KEY_ID and APCA_API_SECRET_KEY) are required");
        }
        feed = feed == null ? "iex" : feed;
    }

    public static ProviderSettings simulator(String baseUrl, int requestsPerMinute) {
        return new ProviderSettings("yahoo", Kind.SIMULATOR, baseUrl, null, null, null, requestsPerMinute);
    }

    public static ProviderSettings yahoo(String baseUrl, int requestsPerMinute) {
        return new ProviderSettings("yahoo", Kind.YAHOO, baseUrl, null, null, null, requestsPerMinute);
    }

    public static ProviderSettings polygon(String baseUrl, String apiKey, int requestsPerMinute) {
        return new ProviderSettings("polygon", Kind.POLYGON, baseUrl, orEnv(apiKey, "POLYGON_API_KEY"), null, null,
                requestsPerMinute);
    }

    public static ProviderSettings alpaca(String baseUrl, String keyId, String secret, String feed, int requestsPerMinute) {
        return new ProviderSettings("alpaca", Kind.ALPACA, baseUrl, orEnv(keyId, "APCA_API_KEY_ID"),
                orEnv(secret, "APCA_API_SECRET_KEY"), feed, requestsPerMinute);
    }

    /** Never logs a credential. */
    @Override
    public String toString() {
        return name + "(" + kind + " " + baseUrl + ", " + requestsPerMinute + "/min"
                + (blank(apiKey) ? "" : ", key ****") + ")";
    }

    private static String orEnv(String value, String variable) {
        return blank(value) ? System.getenv(variable) : value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

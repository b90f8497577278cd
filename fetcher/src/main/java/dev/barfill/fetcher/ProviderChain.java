package dev.barfill.fetcher;

import dev.barfill.fetcher.ProviderSettings.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fallback chain of providers as a user writes it ({@code --providers polygon,yahoo},
 * {@code fetcher.providers=polygon,yahoo}): first choice first. Each entry is a kind
 * ({@code simulator}, {@code yahoo}, {@code polygon}, {@code alpaca}), optionally with a suffix that
 * tells two of a kind apart ({@code yahoo-eu}), optionally followed by {@code =URL} to replace the
 * kind's public URL (a proxy, a local look-alike). The entry's name is the provider's name, stored
 * with every bar it delivers. Keys come from the shared settings or the environment
 * ({@code POLYGON_API_KEY}, {@code APCA_API_KEY_ID}, {@code APCA_API_SECRET_KEY}). Pure.
 */
public final class ProviderChain {

    /**
     * What entries do not say themselves.
     *
     * @param simulatorUrl      URL of a {@code simulator} entry without one (the embedded simulator), or null
     * @param requestsPerMinute each provider's rate, or null for its kind's default
     * @param apiKey            Polygon's key or Alpaca's key id, or null for the environment's
     * @param apiSecret         Alpaca's secret, or null for the environment's
     * @param feed              Alpaca's feed, or null for {@code iex}
     */
    public record Defaults(String simulatorUrl, Integer requestsPerMinute, String apiKey, String apiSecret,
                           String feed) {
    }

    private ProviderChain() {
    }

    /** @param setting the option or key the entries came from, named in every error */
    public static List<ProviderSettings> parse(String setting, List<String> entries, Defaults defaults) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException(setting + " must name at least one provider, such as polygon,yahoo");
        }
        List<ProviderSettings> chain = new ArrayList<>();
        for (String entry : entries) {
            String raw = entry.strip();
            int eq = raw.indexOf('=');
            String name = (eq < 0 ? raw : raw.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String url = eq < 0 ? null : raw.substring(eq + 1).strip();
            int dash = name.indexOf('-');
            Kind kind = Kind.named(setting, dash < 0 ? name : name.substring(0, dash));
            chain.add(settings(setting, name, kind, url, defaults));
        }
        return List.copyOf(chain);
    }

    /** One provider of {@code kind} named {@code name}; {@code url} null for the kind's default. */
    public static ProviderSettings settings(String setting, String name, Kind kind, String url, Defaults defaults) {
        String base = url != null ? url : kind == Kind.SIMULATOR ? defaults.simulatorUrl() : kind.defaultUrl();
        if (base == null) {
            throw new IllegalArgumentException(setting + ": " + name + " needs a URL (" + name + "=http://host:port)");
        }
        int rate = defaults.requestsPerMinute() != null ? defaults.requestsPerMinute() : kind.defaultRequestsPerMinute();
        String key = defaults.apiKey();
        String secret = defaults.apiSecret();
        if (kind == Kind.POLYGON && blank(key)) {
            key = System.getenv("POLYGON_API_KEY");
        }
        if (kind == Kind.ALPACA) {
            key = blank(key) ? System.getenv("APCA_API_KEY_ID") : key;
            secret = blank(secret) ? System.getenv("APCA_API_SECRET_KEY") : secret;
        }
        return new ProviderSettings(name, kind, base, kind == Kind.POLYGON || kind == Kind.ALPACA ? key : null,
                kind == Kind.ALPACA ? secret : null, defaults.feed(), rate);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

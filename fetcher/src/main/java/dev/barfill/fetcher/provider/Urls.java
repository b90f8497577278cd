package dev.barfill.fetcher.provider;

import okhttp3.HttpUrl;

/** Small helpers of the HTTP adapters. */
final class Urls {
    private Urls() {
    }

    static HttpUrl parse(String baseUrl) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("provider base URL '" + baseUrl + "' is not an http(s) URL");
        }
        return parsed;
    }

    /** False when interrupted (the interrupt flag is restored) or when the provider holds requests for long. */
    static boolean awaitGate(ProviderHttp.PageGate gate) {
        try {
            gate.await();
            return true;
        } catch (ProviderHttp.PageGate.Held e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

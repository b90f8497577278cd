package dev.barfill.app.cli;

import dev.barfill.app.ApiClient;
import picocli.CommandLine.Option;

/** Where the API is and the key to present, shared by the client commands. */
public final class ApiOptions {
    @Option(names = "--api", defaultValue = "${env:BARFILL_API_URL:-http://localhost:8080}",
            description = "Base URL of a barfill API (default: $BARFILL_API_URL or http://localhost:8080).")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:BARFILL_API_KEY}",
            description = "API key sent as a bearer token (default: $BARFILL_API_KEY; none when unset).")
    String apiKey;

    ApiClient client() {
        return new ApiClient(url, apiKey);
    }
}

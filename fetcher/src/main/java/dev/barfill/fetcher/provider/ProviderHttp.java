package dev.barfill.fetcher.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP part every JSON provider shares: one call, 429 and 5xx as transient with the wait the
 * provider asked for ({@code Retry-After}, else {@code X-RateLimit-Reset} in epoch seconds), I/O
 * errors as transient, and the body read as JSON.
 */
public final class ProviderHttp {
    private final String name;
    private final OkHttpClient http;
    private final Clock clock;

    ProviderHttp(String name, OkHttpClient http, Clock clock) {
        this.name = name;
        this.http = http;
        this.clock = clock;
    }

    /** A JSON answer with its status, or the failure that stands for the whole request. */
    sealed interface Answer {
    }

    record Json200(int code, JsonNode body) implements Answer {
    }

    record Failure(FetchOutcome outcome) implements Answer {
    }

    Answer get(Request request) {
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code == 429 || code >= 500) {
                return new Failure(new FetchOutcome.Transient(name + " answered HTTP " + code, wait(response)));
            }
            JsonNode body;
            try {
                body = Json.mapper().readTree(response.body().byteStream());
            } catch (JacksonException e) {
                return new Failure(code >= 400
                        ? new FetchOutcome.Permanent(name + " answered HTTP " + code)
                        : new FetchOutcome.Transient(name + " answered malformed JSON: " + e.getOriginalMessage(), null));
            }
            if (body == null || body.isMissingNode()) {
                return new Failure(new FetchOutcome.Transient(name + " answered an empty body", null));
            }
            return new Json200(code, body);
        } catch (IOException e) {
            return new Failure(new FetchOutcome.Transient(name + " unreachable: " + e, null));
        }
    }

    private Duration wait(Response response) {
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"));
        if (retryAfter != null) {
            return retryAfter;
        }
        String reset = response.header("X-RateLimit-Reset");
        if (reset == null) {
            return null;
        }
        try {
            Duration until = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Runs before every page after the first, so that paging respects the rate limit too. */
    @FunctionalInterface
    public interface PageGate {
        void await() throws InterruptedException;

        PageGate OPEN = () -> { };
    }
}

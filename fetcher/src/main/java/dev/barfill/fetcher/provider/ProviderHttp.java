package dev.barfill.fetcher.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private final PageGate gate;

    ProviderHttp(String name, OkHttpClient http, Clock clock, PageGate gate) {
        this.name = name;
        this.http = http;
        this.clock = clock;
        this.gate = gate;
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
            if (code == 401 || code == 403) {
                // Asking again gives the same answer: a permanent failure, never a retry loop.
                return new Failure(new FetchOutcome.Permanent(refusal(code, response)));
            }
            if ("0".equals(response.header("X-RateLimit-Remaining"))) {
                Duration untilReset = untilReset(response);
                if (untilReset != null) {
                    gate.holdFor(untilReset);
                }
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

    /** "refused by yahoo: 403 Forbidden; the key is wrong or this client is blocked (provider's words)". */
    private String refusal(int code, Response response) {
        String said = null;
        try {
            JsonNode body = Json.mapper().readTree(response.body().byteStream());
            if (body != null) {
                for (JsonNode n : List.of(body.path("error"), body.path("message"),
                        body.path("chart").path("error").path("description"),
                        body.path("finance").path("error").path("description"))) {
                    if (n.isTextual() && !n.asText().isBlank()) {
                        said = n.asText();
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A refusal in HTML or plain text: the status says enough.
        }
        return "refused by " + name + ": " + code + (code == 401 ? " Unauthorized" : " Forbidden")
                + "; the key is wrong or this client is blocked" + (said == null ? "" : " (" + said + ")");
    }

    private Duration wait(Response response) {
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"));
        return retryAfter != null ? retryAfter : untilReset(response);
    }

    private Duration untilReset(Response response) {
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

    /**
     * The provider's rate limit as the adapter sees it: {@link #await()} runs before every page
     * after the first, so paging respects the limit too; {@link #holdFor} is told when an answer
     * says the quota is spent ({@code X-RateLimit-Remaining: 0}) until its reset.
     */
    public interface PageGate {
        /** Blocks until the next page may be asked for; throws {@link Held} rather than wait out a long hold. */
        void await() throws InterruptedException;

        default void holdFor(Duration wait) {
        }

        PageGate OPEN = () -> { };

        /** The provider holds requests longer than a consumer may block: the fetch stops, to be retried later. */
        final class Held extends RuntimeException {
            private final Duration wait;

            public Held(Duration wait) {
                super("provider holds requests for " + wait.toSeconds() + " s more");
                this.wait = wait;
            }

            public Duration waitLeft() {
                return wait;
            }
        }
    }
}

package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A pending day of a job whose fetch did not succeed yet and waits in a retry tier.
 *
 * @param attempt  the attempt the day waits for (2 for the first retry); a held day keeps its attempt
 * @param provider the provider that failed or held it, when known
 * @param reason   why, as the fetcher said it
 * @param tripped  the provider whose circuit breaker is open and held the day, else null
 * @param at       when the fetcher reported it
 */
public record RetryingDay(LocalDate day, @JsonSetter(nulls = Nulls.AS_EMPTY) int attempt, String provider,
                          String reason, String tripped, Instant at) {

    /** The longest reason kept: a provider's whole error page has no place in a job record. */
    public static final int MAX_REASON = 200;

    public RetryingDay {
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
    }
}

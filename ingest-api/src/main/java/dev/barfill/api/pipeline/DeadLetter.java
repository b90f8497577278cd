package dev.barfill.api.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * One dead-lettered record as the pipeline page shows it.
 *
 * @param position {@code partition@offset}, how a replay names the record
 * @param reason   the error header of the {@code DeadLetters} convention, null when absent
 * @param value    the value as text, cut to a few hundred characters
 */
public record DeadLetter(String position, Instant timestamp, String key, String reason, Map<String, String> headers,
                         String value) {
}

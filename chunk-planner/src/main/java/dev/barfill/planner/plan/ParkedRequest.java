package dev.barfill.planner.plan;

import java.time.LocalDate;

/**
 * A valid request the planner could not plan yet because the coverage lookup failed. It keeps the
 * record as read, so that if it ever turns out to be poison it still reaches the dead-letter
 * topic unchanged.
 *
 * @param from        first day of the validated window
 * @param to          last day of the validated window
 * @param raw         the record's value as read
 * @param timestamp   the record's timestamp, given to everything planned from it
 * @param sourceTopic where it was read, for the dead-letter headers; null when unknown
 */
public record ParkedRequest(LocalDate from, LocalDate to, byte[] raw, long timestamp, String sourceTopic,
                            int sourcePartition, long sourceOffset) {
}

package dev.barfill.planner;

import dev.barfill.core.kafka.DeadLetters.ErrorClass;

/**
 * A record the planner will not process, ever: it goes to its input's dead-letter topic with this
 * class, field and reason, and planning goes on with the next record.
 */
final class RefusedRecordException extends RuntimeException {
    private final ErrorClass errorClass;
    private final String field;

    RefusedRecordException(ErrorClass errorClass, String field, String reason) {
        super(reason);
        this.errorClass = errorClass;
        this.field = field;
    }

    ErrorClass errorClass() {
        return errorClass;
    }

    /** The request field at fault, or null. */
    String field() {
        return field;
    }
}

package dev.barfill.api;

import dev.barfill.core.FieldError;
import java.util.List;

/** The one JSON error shape: a stable code, a sentence, and the fields at fault if any. */
public record ApiError(String error, String message, List<FieldError> errors) {
}

package dev.barfill.core;

/** A refused input: which field, and why, in words a client can act on. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}

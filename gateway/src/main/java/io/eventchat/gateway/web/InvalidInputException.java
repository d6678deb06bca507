package io.eventchat.gateway.web;

import java.util.List;

/** Input that bean validation cannot express (cross-field rules, trimmed lengths); answered as VALIDATION_FAILED. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        super(field + " " + message, null, false, false);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

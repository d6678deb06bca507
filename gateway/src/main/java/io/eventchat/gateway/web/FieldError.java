package io.eventchat.gateway.web;

/** One invalid input field, as listed in a {@code VALIDATION_FAILED} problem. */
public record FieldError(String field, String message) {
}
